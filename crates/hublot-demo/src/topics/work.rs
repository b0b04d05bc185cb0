//! Work topics: management announcements, the working-time negotiation,
//! telework, department and team groups, managers, IT support.

use super::{PollTemplate, Topic, FORMAL_CLOSERS, FORMAL_OPENERS, GENERIC_COMMENTS};

/// Posts every work group may see, filled with the department's words.
const WORK_POSTS: &[&str] = &[
    "Le nouveau circuit de validation pour {x} démarre lundi. En résumé :\n1. saisie par le technicien\n2. contrôle par un expert\n3. validation par le responsable d'unité\n\nLa fiche détaillée est [ici]({link}).",
    "Quelqu'un peut-il me rappeler où trouver les consignes sur {x} ? Je ne les retrouve plus dans la base documentaire depuis la mise à jour.",
    "Pot de départ de {first} vendredi à 16 h, {room}. On compte sur vous pour lui dire au revoir !",
    "Merci à toutes et à tous pour votre accueil pendant mes premières semaines. J'ai encore beaucoup à apprendre sur {x}, n'hésitez pas à me corriger !",
    "Rappel qualité : avant de clôturer un dossier sur {x}, vérifiez bien les pièces justificatives. Les retours du contrôle interne portent surtout sur ce point.",
    "**Point d'équipe {date} à {hour}**, {room} (et en visio pour les collègues en télétravail).\n\nAu programme :\n- les stocks sur {x}\n- l'organisation des congés de {nextmonth}\n- questions diverses\n\n{m}, pourras-tu nous faire un point rapide sur {y} ?",
    "Petit rappel : le stock de demandes en attente sur **{x}** est repassé au-dessus de {big} cette semaine. Merci à chacun de traiter en priorité les dossiers les plus anciens. La procédure est rappelée dans la [fiche réflexe]({link}).",
    "Bonne nouvelle : nous sommes revenus sous les {n} jours de délai de traitement sur {x}. Bravo à toute l'équipe{emoji}",
    "La nouvelle version de la fiche procédure sur **{x}** est en ligne : [consulter la fiche]({link}).\n\nLes principaux changements :\n- le circuit de validation est simplifié\n- la liste des pièces justificatives est précisée\n- un modèle de courrier type est ajouté\n\nMerci à {m} pour la relecture.",
    "Quelqu'un a-t-il déjà traité un dossier sur {x} qui touche aussi à {y} ? J'ai un cas un peu particulier et je ne trouve rien dans la base documentaire.",
    "Les indicateurs de {month} sont disponibles : **{hipct} %** des demandes concernant {x} traitées dans les délais. On garde le cap ! Le détail est sur [le tableau de bord]({link}).",
    "Je suis en congés du {soon} au {later} inclus. Pour tout ce qui concerne {x}, merci de voir avec {m} en mon absence.",
    "Session de formation consacrée à {x} : il reste {n} places le {date} à {mysite}. Inscriptions auprès de {m} avant la fin de la semaine.",
    "Rappel : pensez à saisir vos jours de télétravail de {nextmonth} dans l'outil de planification avant vendredi. Merci !",
    "Retour sur l'atelier d'hier consacré à {x} : merci aux {n} participants pour leurs idées. Le compte rendu est [sur l'intranet]({link}). Prochaine étape : tester deux propositions à {mysite} pendant quinze jours.",
    "Un grand merci à {m} et {m2} pour le coup de main sur {x} cette semaine, les délais ont été tenus{emoji}",
    "Point de vigilance : nous recevons beaucoup de questions au sujet de {x}. Les éléments de réponse validés sont ici : [éléments de langage]({link}). Merci de ne pas improviser sur ce sujet.",
    "L'application de gestion sera **indisponible le {date} de 12 h à 14 h** pour une mise à jour. Pensez à enregistrer vos saisies en cours avant la coupure.",
    "Pour info, la note de service sur **{x}** a été mise à jour. Principal changement : les dossiers concernant {y} passent désormais en priorité. Lien : [note de service]({link})",
    "Qui serait disponible pour un renfort de deux demi-journées sur {x} la semaine prochaine ? {m} a déjà proposé son aide, il nous faudrait encore une ou deux personnes.",
    "Compte rendu de la réunion de service du {today} :\n\n1. **{x}** : le retard est résorbé à {pct} %\n2. **{y}** : une nouvelle procédure arrive le mois prochain\n3. congés d'été : les plannings sont à valider avant le {date}",
    "Quelqu'un sait où trouver le modèle de courrier à jour pour {x} ? Celui de la base documentaire date de l'an dernier.",
    "Les nouveaux arrivants de {mysite} seront en binôme avec {m} pendant leurs deux premières semaines sur {x}. Merci de leur faire bon accueil !",
];

/// Comments that fit any work post.
const WORK_COMMENTS: &[&str] = &[
    "?visio|Je serai en télétravail ce jour-là, je me connecterai en visio.",
    "Je m'en occupe.",
    "{author} je peux regarder ça cet après-midi si tu veux.",
    "?fiche|Est-ce que la fiche vaut aussi pour les dossiers déjà en cours ?",
    "?Bravo|Bravo à tous !",
    "Je regarde et je reviens vers toi.",
    "Même constat à {mysite}.",
    "Merci, c'est beaucoup plus clair comme ça.",
    "?point|On en reparle au point d'équipe ?",
    "?cas|Je confirme, j'ai eu le même cas la semaine dernière.",
    "Parfait, merci {author_first}.",
    "?renfort|Je peux prendre une demi-journée de renfort mardi.",
    "?https|Le lien ne fonctionne pas chez moi, quelqu'un d'autre a le problème ?",
    "Il faudrait prévenir les collègues de {site} aussi.",
    "?mise à jour|Est-ce qu'on a une date pour la prochaine mise à jour ?",
];

const WORK_POLLS: &[PollTemplate] = &[
    PollTemplate {
        intro: "Le point d'équipe du lundi tombe souvent pendant les pics d'activité. On change de créneau ?",
        question: "Quel créneau pour le prochain point d'équipe ?",
        options: &[
            "Mardi matin",
            "Mardi après-midi",
            "Jeudi matin",
            "Jeudi après-midi",
        ],
        multiple: false,
    },
    PollTemplate {
        intro: "Le séminaire d'équipe aura lieu le {date}. Pour construire l'ordre du jour ensemble, quels sujets vous semblent importants ?",
        question: "Quels sujets voulez-vous aborder au séminaire d'équipe ?",
        options: &[
            "L'organisation du travail",
            "Les outils et logiciels",
            "La formation",
            "Le télétravail",
            "La qualité de vie au travail",
        ],
        multiple: true,
    },
    PollTemplate {
        intro: "Cela fait un mois que le point hebdomadaire dure 20 minutes au lieu d'une heure, debout et sans diaporama. Bilan ?",
        question: "Le nouveau format du point hebdomadaire vous convient-il ?",
        options: &[
            "Oui, on garde",
            "Plutôt oui",
            "Plutôt non",
            "Non, revenons à l'ancien",
        ],
        multiple: false,
    },
    PollTemplate {
        intro: "La journée de cohésion de l'équipe est prévue le {date}. Il reste à choisir l'activité :",
        question: "Pour la journée de cohésion, vous préférez :",
        options: &[
            "Une balade en bord de Loire",
            "Un escape game",
            "Un atelier cuisine",
            "Un pique-nique",
        ],
        multiple: false,
    },
];

const WORK_LINKS: &[&str] = &[
    "procedures/fiche-reflexe",
    "documentation/base-documentaire",
    "pilotage/tableau-de-bord",
    "services/notes-de-service",
    "procedures/elements-de-langage",
    "formation/catalogue",
];

/// A department's work group: the shared work posts plus its own.
const fn department(posts: &'static [&'static str], items: &'static [&'static str]) -> Topic {
    Topic {
        posts,
        shared_posts: WORK_POSTS,
        admin_posts: &[],
        admin_share: 0.0,
        comments: WORK_COMMENTS,
        shared_comments: GENERIC_COMMENTS,
        polls: WORK_POLLS,
        items,
        links: WORK_LINKS,
        openers: FORMAL_OPENERS,
        closers: FORMAL_CLOSERS,
        poll_rate: 0.05,
        topic_comment_rate: 0.6,
    }
}

/// Prestations: paying benefits.
pub const PRESTATIONS: Topic = department(
    &[
    "Les stocks de la semaine :\n- {x} : {big} dossiers\n- {y} : {n}0 dossiers\n\nOn est dans les clous, merci à tous{emoji}",
        "Rappel : les attestations de salaire arrivées incomplètes repartent vers l'employeur avec le courrier type n°12. Merci de ne pas les laisser en attente dans la bannette.",
        "Belle semaine pour l'unité : plus de {big} indemnités journalières payées, et aucun dossier de plus de trente jours{emoji}",
        "Un cas d'école pour les nouveaux : un arrêt de travail reçu avec une date de prescription postérieure à la date de début. On en parle au point d'équipe, c'est un bon exercice.",
        "Nouvelle circulaire sur le calcul des **indemnités journalières** : les primes annuelles sont désormais prises en compte sur douze mois. Synthèse ici : [fiche IJ]({link}).",
        "Gros arrivage de feuilles de soins papier cette semaine ({big} reçues lundi). Merci pour votre mobilisation, on devrait avoir rattrapé le retard d'ici {date}.",
        "Rappel : pour les arrêts de travail dématérialisés, vérifiez bien la date de réception avant de calculer la carence. Plusieurs erreurs relevées par le contrôle ce mois-ci.",
        "Les délais de paiement des IJ sont descendus à **{n} jours** en moyenne ce mois-ci, contre une vingtaine au début de l'année. Beau travail collectif{emoji}",
    ],
    &[
        "les indemnités journalières",
        "les remboursements de soins",
        "les pensions d'invalidité",
        "le capital décès",
        "les feuilles de soins papier",
        "les dossiers maternité",
        "les arrêts de travail",
        "les accidents du travail",
        "les frais de transport",
        "les soins reçus à l'étranger",
        "la complémentaire santé solidaire",
        "les rentes AT/MP",
    ],
);

/// Relation assurés: the front desks and the phone platform.
pub const RELATION: Topic = department(
    &[
        "Taux de décroché de la plateforme hier : **{hipct} %**. Les pics d'appels sont entre 9 h et 11 h ; merci de placer vos pauses en dehors de ces créneaux.",
        "Affluence record à l'accueil de {mysite} ce matin, plus de {n}0 personnes avant 10 h. Merci aux collègues venus en renfort !",
        "À partir du {date}, l'accueil de {mysite} fonctionne **uniquement sur rendez-vous** l'après-midi. Les affiches sont prêtes, merci de bien informer les assurés.",
        "Une assurée m'a laissé un très gentil mot pour remercier {m} de son accompagnement sur son dossier. Ça fait du bien de le partager{emoji}",
    ],
    &[
        "l'accueil sur rendez-vous",
        "la plateforme téléphonique",
        "les courriels du compte ameli",
        "les réclamations",
        "les attestations de droits",
        "les cartes Vitale",
        "les rendez-vous en visio",
        "le parcours attentionné",
        "la médiation",
    ],
);

/// Gestion du risque: prevention campaigns and visits to doctors.
pub const RISK: Topic = department(
    &[
        "La campagne de **vaccination antigrippale** démarre le {date}. Les supports pour les pharmacies et les médecins sont disponibles [ici]({link}).",
        "Retour des visites des délégués de l'Assurance Maladie ce mois-ci : {big} professionnels rencontrés, un accueil globalement très positif sur le dépistage.",
        "Le taux de participation au dépistage du cancer colorectal progresse de {n} points dans notre circonscription. Merci à tous ceux qui ont relayé la campagne.",
    ],
    &[
        "la campagne de vaccination",
        "le dépistage du cancer colorectal",
        "le programme M'T dents",
        "la prévention du diabète",
        "les visites des délégués",
        "les prescriptions d'arrêts de travail",
        "le programme Sophia",
        "le retour à domicile après hospitalisation",
        "l'accompagnement des médecins installés",
    ],
);

/// Contrôle: checks and the fight against fraud.
pub const CONTROL: Topic = department(
    &[
        "Formation aux nouvelles requêtes de ciblage le {date} à {hour}, {room}. Places limitées à {n} : inscrivez-vous auprès de {m} !",
        "Bilan du trimestre : **{big} k€** de préjudice détecté et stoppé, dont une affaire importante de facturation de transports. Bravo à l'équipe.",
        "Rappel de confidentialité : aucun nom d'assuré ni de professionnel dans ce groupe, même privé. Les dossiers se partagent dans l'outil de gestion des signalements.",
        "Le nouveau ciblage sur {x} est opérationnel. Les premiers résultats seront présentés au comité du {date}.",
    ],
    &[
        "les contrôles d'arrêts de travail",
        "les signalements de fraude",
        "les contrôles des transporteurs",
        "les indus",
        "les pénalités financières",
        "les enquêtes administratives",
        "les facturations atypiques",
    ],
);

/// Action sanitaire et sociale.
pub const SOCIAL: Topic = department(
    &[
        "La commission d'action sanitaire et sociale du {date} examinera {n}0 demandes. Merci de finaliser vos rapports d'instruction avant le {soon}.",
        "Le budget des aides financières individuelles est consommé à {pct} % à ce jour. On reste vigilants sur les aides au retour à domicile.",
    ],
    &[
        "les aides financières individuelles",
        "les aides au retour à domicile",
        "la commission d'action sociale",
        "l'accompagnement des assurés en arrêt long",
        "la prévention de la désinsertion professionnelle",
        "le budget d'action sociale",
    ],
);

/// Juridique et contentieux.
pub const LEGAL: Topic = department(
    &[
        "Veille juridique de la semaine : un arrêt récent de la Cour de cassation précise les conditions de la rechute en accident du travail. Synthèse [ici]({link}).",
        "La commission de recours amiable du {date} a un ordre du jour chargé ({n}0 dossiers). Merci d'envoyer vos projets de décision au secrétariat avant le {soon}.",
    ],
    &[
        "les recours amiables",
        "la commission de recours amiable",
        "le contentieux devant le pôle social",
        "les recours contre tiers",
        "les accidents de la circulation",
        "la veille juridique",
    ],
);

/// Comptabilité.
pub const ACCOUNTING: Topic = department(
    &[
        "Clôture mensuelle : merci de transmettre vos pièces avant le {date} midi au plus tard.",
        "Les auditeurs de la certification des comptes seront sur place du {soon} au {later}. Merci de leur réserver le meilleur accueil.",
    ],
    &[
        "la clôture mensuelle",
        "les paiements aux professionnels de santé",
        "les rapprochements bancaires",
        "la certification des comptes",
        "le recouvrement des indus",
        "le contrôle interne comptable",
    ],
);

/// Ressources humaines.
pub const HR: Topic = department(
    &[
        "Trois recrutements finalisés cette semaine pour {x}. Les arrivées sont prévues le {later} ; les parcours d'intégration sont en préparation.",
        "La note sur les congés d'été est en ligne : [note]({link}). Les plannings doivent être validés par les managers avant le {later}.",
        "La campagne des **entretiens annuels** est ouverte jusqu'au {date}. Le guide de l'entretien est [ici]({link}).",
        "Les bulletins de paie de {month} sont disponibles dans le coffre-fort numérique.",
        "Plan de formation : {n}0 demandes reçues à ce jour, la commission d'arbitrage se réunit le {date}.",
    ],
    &[
        "les entretiens annuels",
        "le plan de formation",
        "la campagne de mobilité interne",
        "la paie",
        "les titres-restaurant",
        "les visites de médecine du travail",
        "l'accueil des nouveaux arrivants",
        "le compte épargne temps",
    ],
);

/// Informatique.
pub const IT: Topic = department(
    &[
        "Exercice de restauration des sauvegardes réussi cette nuit : {n} serveurs restaurés en moins de deux heures. Merci à {m} pour la préparation.",
        "Campagne de sensibilisation au hameçonnage : {pct} % des faux courriels envoyés ont été signalés. Beau progrès par rapport au trimestre dernier !",
        "Mise en production ce soir de la nouvelle version du portail agent, avec {m} d'astreinte. Croisons les doigts{emoji}",
        "Le renouvellement des postes de travail continue : {mysite} est équipé à {pct} %. Prochaine vague le {date}.",
        "Revue des droits d'accès trimestrielle : merci aux responsables de valider les listes avant le {date}.",
    ],
    &[
        "le renouvellement des postes de travail",
        "la téléphonie",
        "les comptes utilisateurs",
        "le VPN",
        "la sauvegarde des serveurs",
        "les mises à jour de sécurité",
        "les imprimantes multifonctions",
        "la messagerie",
    ],
);

/// Communication.
pub const COMMUNICATION: Topic = department(
    &[
        "La lettre interne de {month} est en relecture. Vos idées de sujets pour le prochain numéro sont les bienvenues en commentaire !",
        "Tournage d'une vidéo tutoriel pour les assurés le {date} à {mysite}. On cherche deux volontaires pour jouer les conseillers{emoji}",
    ],
    &[
        "la lettre interne",
        "le rapport d'activité",
        "l'intranet",
        "les réseaux sociaux",
        "la semaine de la qualité de vie au travail",
        "les vidéos tutoriels pour les assurés",
    ],
);

/// Direction: the executive committee.
pub const BOARD: Topic = department(
    &[
        "Ordre du jour du comité de direction du {date} :\n1. {x}\n2. {y}\n3. points divers\n\nMerci d'envoyer vos documents avant le {soon}.",
        "Relevé de décisions du comité de ce matin : [relevé]({link}). Point de vigilance sur {x}.",
        "Préparation du conseil d'administration : chaque direction envoie sa note sur {x} pour le {date}.",
    ],
    &[
        "le contrat pluriannuel de gestion",
        "le budget de gestion administrative",
        "les indicateurs de performance",
        "le plan de continuité d'activité",
        "la stratégie immobilière",
        "les résultats de l'enquête de satisfaction",
    ],
);

/// Services généraux.
pub const FACILITIES: Topic = department(
    &[
        "Coupure d'eau sur le site de {mysite} le {date} de 8 h à 10 h pour travaux. Merci de votre compréhension.",
        "Les salles de réunion du premier étage sont désormais réservables dans [l'outil de réservation]({link}).",
        "Le courrier du jour est arrivé avec du retard ; la numérisation est décalée à cet après-midi.",
        "Rappel : les véhicules de service se réservent au moins 48 h à l'avance et le carnet de bord est à remplir au retour.",
    ],
    &[
        "le courrier entrant",
        "la numérisation",
        "les salles de réunion",
        "les véhicules de service",
        "le chauffage",
        "l'entretien des bureaux",
        "les fournitures",
        "la sécurité incendie",
        "le parking",
    ],
);

/// The management announcements group: only its admins post.
pub const ANNOUNCEMENTS: Topic = Topic {
    posts: &[
        "**Départ en retraite**\n\nAprès plus de trente ans au service des assurés, {first} prend sa retraite à la fin du mois. Un pot sera organisé le {date} à 16 h, {room}, à Tours. Venez nombreux !",
        "**Don du sang**\n\nL'Établissement français du sang sera présent sur le site de {site} le {date}, de 9 h à 15 h. Inscription conseillée [ici]({link}).",
        "**Intéressement**\n\nL'intéressement au titre de l'année écoulée sera versé avec la paie de {nextmonth}. Le détail du calcul est disponible [sur l'intranet]({link}).",
        "**Travaux**\n\nLa rénovation du hall d'accueil de {site} commence le {date}. Pendant les travaux, le personnel entre par la porte arrière ; l'accueil du public est maintenu.",
        "**Journée des familles**\n\nLe {later}, nous accueillerons les familles du personnel sur le site de Tours : visite des services, ateliers pour les enfants, goûter. Inscriptions [ici]({link}).",
        "**Bilan social**\n\nLe bilan social de l'année est en ligne [sur l'intranet]({link}). Quelques chiffres : {n}0 recrutements, {hipct} % de CDI, et une ancienneté moyenne de dix-sept ans.",
        "**Fortes chaleurs**\n\nEn cas de canicule, des aménagements d'horaires sont possibles avec l'accord de votre manager. Pensez à vous hydrater et à fermer les stores dès le matin.",
        "**Baromètre social**\n\nL'enquête annuelle sur la qualité de vie au travail est ouverte jusqu'au {later}. Elle est anonyme et prend dix minutes : [répondre]({link}). Votre avis compte !",
        "**Résultats de l'enquête de satisfaction des assurés**\n\n{hipct} % des assurés interrogés se déclarent satisfaits de leur dernier contact avec notre caisse. C'est le fruit de votre engagement quotidien : merci à toutes et à tous.\n\nLe détail par canal (accueil, téléphone, courriel) est à lire [sur l'intranet]({link}).",
        "**Nomination**\n\nJ'ai le plaisir de vous annoncer la nomination de {first} au poste de responsable {x}, à compter du {date}. Je lui souhaite pleine réussite dans ses nouvelles fonctions.",
        "**Fermeture exceptionnelle**\n\nL'accueil du site de {site} sera fermé au public le {date} après-midi en raison d'une opération de maintenance électrique. L'accueil téléphonique reste assuré.",
        "**Séminaire des managers**\n\nLe séminaire annuel des managers se tiendra le {date} à Tours. Thème retenu cette année : *manager dans un collectif hybride*. Les invitations partent aujourd'hui.",
        "**Rencontres sur les sites**\n\nL'équipe de direction viendra à votre rencontre sur chaque site dans les prochaines semaines, en commençant par {site} le {date}. Ces temps d'échange sont ouverts à toutes et à tous, sans inscription.",
        "**Plan de sobriété énergétique : premiers résultats**\n\nNotre consommation d'électricité a baissé de **{pct} %** par rapport à l'an dernier sur la même période. Merci pour vos gestes au quotidien : extinction des écrans, consignes de chauffage, regroupement des réunions.",
        "**Alerte sécurité**\n\nDes courriels frauduleux imitant la messagerie de l'Assurance Maladie circulent en ce moment. **Ne cliquez sur aucun lien** et ne communiquez jamais votre mot de passe. En cas de doute, transférez le message au support informatique.",
        "**Mobilité interne**\n\n{n} postes sont ouverts à la mobilité interne ce mois-ci, dont plusieurs à {site}. Les fiches de poste sont consultables [sur l'intranet]({link}) jusqu'au {date}.",
        "**Conseil**\n\nLe conseil s'est réuni ce matin et a approuvé le budget d'action sanitaire et sociale ainsi que le rapport d'activité. Le relevé de décisions sera diffusé dans la semaine.",
        "**Qualité de vie au travail**\n\nLa semaine de la QVT commence le {date}. Au programme :\n- ateliers posture et gestes du quotidien\n- conférence sur le sommeil\n- challenge mobilité entre les quatre sites\n\nProgramme complet : [QVT]({link}).",
        "**Contrat pluriannuel de gestion**\n\nNous atteignons **{hipct} %** de nos objectifs à mi-année. Les délais de paiement des indemnités journalières et le taux de décroché téléphonique progressent nettement. Un grand merci à toutes les équipes.",
        "**Exercice d'évacuation**\n\nUn exercice d'évacuation incendie aura lieu sur le site de {site} dans la semaine du {date}. Merci de suivre les consignes des guides et serre-files.",
        "**Hublot, notre réseau social interne**\n\nCet espace remplace progressivement les listes de diffusion. Le [guide de démarrage]({link}) explique comment rejoindre les groupes et régler vos notifications.",
        "**Accueil des assurés pendant l'été**\n\nDu {date} à fin août, les accueils fonctionneront sur rendez-vous uniquement le mercredi. Merci aux équipes de la relation assurés pour l'organisation des plannings.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "Merci pour ces bonnes nouvelles !",
        "?nomination|Félicitations {first} !",
        "Bravo à toutes les équipes.",
        "Est-ce que l'information a été relayée aux collègues sans poste informatique ?",
        "Merci pour la transparence.",
        "?Rencontres|Hâte de vous accueillir à {mysite}.",
        "Une version PDF est-elle disponible pour affichage ?",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[PollTemplate {
        intro: "**Rencontres avec la direction**\n\nNous souhaitons adapter le format des rencontres avec l'équipe de direction à vos attentes.",
        question: "Quel format préférez-vous pour les rencontres avec la direction ?",
        options: &["Sur site, en petit groupe", "En visio ouverte à tous", "Un mélange des deux"],
        multiple: false,
    }],
    items: &[
        "du service des prestations en espèces",
        "de l'accueil de Blois",
        "du service contrôle",
        "de la plateforme téléphonique",
        "du service paie",
        "du département gestion du risque",
    ],
    links: &["actualites", "direction/mot-de-la-direction", "rh/mobilite", "qvt/programme", "hublot/guide"],
    openers: &[""],
    closers: &["\n\n— La direction", "\n\n— La direction générale", "\n\n— Le service communication", ""],
    poll_rate: 0.04,
    topic_comment_rate: 0.4,
};

/// The working-time negotiation: daily updates by the admins (HR and
/// management), questions by everybody.
pub const NEGOTIATION: Topic = Topic {
    posts: &[
        "Le nouvel accord modifiera-t-il les horaires d'astreinte de la plateforme téléphonique ?",
        "Merci pour la FAQ, très claire. Une dernière question : quand connaîtra-t-on la date d'entrée en vigueur ?",
        "Les collègues à temps partiel thérapeutique auront-ils les mêmes options que les autres ?",
        "Question pour l'équipe RH : à temps partiel à 80 %, comment seront calculés les jours de RTT avec {x} ?",
        "Est-ce que le passage à {x} concernera aussi les collègues de l'accueil, qui ont des horaires d'ouverture au public à respecter ?",
        "Merci pour ces points réguliers, c'est appréciable d'avoir l'information en direct. Une question : le sujet de {y} sera-t-il aussi à l'ordre du jour ?",
        "À {mysite}, plusieurs collègues s'interrogent sur l'articulation entre {x} et le télétravail. Une réponse est-elle prévue dans la FAQ ?",
        "Pour celles et ceux qui ont des enfants, {x} pourrait vraiment changer le quotidien. J'espère que ce point sera retenu !",
    ],
    shared_posts: &[],
    admin_share: 0.55,
    admin_posts: &[
        "**Négociation temps de travail – point d'étape n°{seq}**\n\nLa séance de ce {today} a porté sur {x}. Les échanges avec les organisations syndicales ont été constructifs :\n- accord de principe sur {y}\n- des désaccords persistent sur {x}\n- prochaine séance le {date}\n\nLe compte rendu détaillé est sur [l'espace dédié]({link}).\n\n— Direction des ressources humaines",
        "**Point d'étape n°{seq}**\n\nNous avons remis aux organisations syndicales une nouvelle proposition sur {x}. Elle prévoit notamment un aménagement de {y}. Vos questions sont les bienvenues en commentaire : nous y répondrons dans ce fil.\n\n— Direction des ressources humaines",
        "**Point d'étape n°{seq} – calendrier**\n\nProchaines séances :\n1. le {soon} : {x}\n2. le {later} : {y}\n\nUne signature éventuelle de l'accord interviendrait au plus tard fin {nextmonth}.",
        "**Point d'étape n°{seq} – vos questions**\n\n**Les horaires variables sont-ils maintenus ?** Oui, les plages variables restent ouvertes de 7 h 30 à 9 h 30 et de 16 h à 18 h 30.\n\n**Qu'advient-il des jours de RTT ?** Leur nombre dépendra de la durée hebdomadaire retenue ; un simulateur est disponible [ici]({link}).",
        "**Point d'étape n°{seq}**\n\nLors de la séance du {today}, la direction a présenté les résultats de la consultation du personnel ({pct} % de participation). Trois attentes ressortent nettement : {x}, {y} et la possibilité de poser des demi-journées de RTT.",
        "**Point d'étape n°{seq}**\n\nPas de séance aujourd'hui : les organisations syndicales consultent leurs adhérents sur le projet de texte relatif à {x}. Reprise des discussions le {date}.\n\n— Direction des ressources humaines",
        "**Point d'étape n°{seq}**\n\nLa séance du jour a été suspendue à la demande d'une organisation syndicale. Les échanges reprendront le {date} sur {x}.",
        "**Point d'étape n°{seq}**\n\nBonne avancée ce {today} : la rédaction de l'article sur {x} est stabilisée. Il reste à trancher {y}. Le projet de texte mis à jour est [en ligne]({link}).",
    ],
    comments: &[
        "Merci pour ce compte rendu détaillé.",
        "Est-ce que les temps partiels sont concernés ?",
        "?accord de principe|Bonne nouvelle pour {x} !",
        "Dommage que ce point ne soit pas encore tranché.",
        "Une simulation individuelle sera-t-elle possible avant de choisir ?",
        "Merci pour la transparence, c'est appréciable.",
        "J'espère qu'on aura une réponse avant l'été.",
        "{author} pouvez-vous préciser le calendrier ?",
        "?simulateur|Le simulateur fonctionne très bien, merci.",
        "Et pour les collègues en horaires décalés de la plateforme ?",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[
        PollTemplate {
            intro: "**Point d'étape n°{seq} – consultation**\n\nPour éclairer la suite de la négociation, nous souhaitons recueillir votre avis. Ce sondage est indicatif et anonyme pour les autres membres.",
            question: "Quelle organisation du temps de travail auriez-vous préférée ?",
            options: &[
                "37 h 30 sur 5 jours avec RTT",
                "35 h sur 5 jours sans RTT",
                "36 h sur 4,5 jours",
                "Je ne sais pas encore",
            ],
            multiple: false,
        },
        PollTemplate {
            intro: "**Point d'étape n°{seq} – vos priorités**\n\nAvant la prochaine séance, dites-nous quels sujets comptent le plus pour vous (plusieurs réponses possibles).",
            question: "Quels sujets souhaitez-vous voir traités en priorité ?",
            options: &[
                "Les horaires variables",
                "Les jours de RTT",
                "Le droit à la déconnexion",
                "Le temps partiel",
                "Les astreintes",
            ],
            multiple: true,
        },
        PollTemplate {
            intro: "**Point d'étape n°{seq} – réunion d'information**\n\nUne réunion d'information ouverte à tous présentera le projet d'accord, sur place à Tours et en visio. Merci d'indiquer votre participation pour réserver la bonne salle.",
            question: "Participerez-vous à la réunion d'information du {date} ?",
            options: &["Oui, sur place", "Oui, en visio", "Non"],
            multiple: false,
        },
    ],
    items: &[
        "la semaine de 4,5 jours",
        "le cycle à 37 h 30",
        "les jours de RTT",
        "les horaires variables",
        "le droit à la déconnexion",
        "la journée de solidarité",
        "les astreintes informatiques",
        "le compte épargne temps",
        "les plages fixes",
        "le temps partiel choisi",
    ],
    links: &["rh/negociation-temps-de-travail", "rh/negociation-temps-de-travail/faq", "rh/simulateur-rtt"],
    openers: &[""],
    closers: &[""],
    poll_rate: 0.05,
    topic_comment_rate: 0.7,
};

/// Telework: tips and mutual help.
pub const TELEWORK: Topic = Topic {
    posts: &[
        "Nouveau : les salles de visio de {site} sont équipées de caméras grand angle. Fini les réunions hybrides où l'on ne voit que la moitié de la table !",
        "Un casque à réduction de bruit change vraiment la vie en visio, surtout quand les enfants rentrent de l'école...",
        "Une solution pour le reflet de la fenêtre sur l'écran ? Mon bureau est face au jardin et l'après-midi c'est intenable.",
        "Une règle simple adoptée dans notre équipe pour les réunions hybrides : dès qu'une personne est à distance, tout le monde se connecte depuis son poste. La parole est bien mieux répartie.",
        "Astuce du jour : pour éviter les coupures en visio, branchez-vous **en filaire** plutôt qu'en Wi-Fi et fermez les onglets inutiles. Ça change tout{emoji}",
        "Quelqu'un a-t-il trouvé une chaise de bureau correcte pour moins de 200 € ? Mon dos me dit que la chaise de cuisine, ce n'est plus possible...",
        "Rappel : la **charte du télétravail** prévoit jusqu'à trois jours par semaine selon les métiers. Pensez à faire valider vos jours dans l'outil avant le 25 du mois. [Charte du télétravail]({link})",
        "Mes trois règles pour déconnecter en fin de journée :\n1. ranger l'ordinateur portable hors de vue\n2. couper les notifications après 18 h\n3. une petite marche pour « rentrer du bureau »\n\nEt vous, quelles sont vos habitudes ?",
        "Le VPN décroche toutes les vingt minutes chez moi depuis {today}... Quelqu'un d'autre a le même souci ?",
        "Le kit ergonomique (support d'écran, souris verticale, repose-pieds) se demande via [le formulaire]({link}). Délai de livraison annoncé : {n} jours.",
        "Retour d'expérience après quelques mois à deux jours de télétravail par semaine : moins de fatigue dans les transports, mais il faut vraiment garder des moments d'équipe sur site. On fait un café virtuel le vendredi à 9 h avec {m}, ouvert à tous !",
        "Le deuxième écran fourni par l'informatique est-il compatible avec la station d'accueil des nouveaux portables ?",
        "Astuce : indiquez dans l'agenda votre lieu de travail du jour (« Télétravail » ou « {mysite} »), ça évite aux collègues de vous chercher dans les bureaux.",
        "Pour celles et ceux qui ont un enfant malade : le télétravail n'est pas un mode de garde, et un congé pour enfant malade est possible. Tout est expliqué dans [la fiche RH]({link}).",
        "Qui a testé les espaces de coworking de {site} ? Est-ce une bonne solution quand la connexion est mauvaise à la maison ?",
        "Petit sondage informel : vous déjeunez devant l'écran les jours de télétravail ? Moi oui, et je crois que c'est une mauvaise habitude 😅",
        "Rappel : en télétravail, l'accident survenu pendant les heures de travail est présumé accident du travail. Pensez à déclarer au plus vite, même un incident bénin.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "Très bonne astuce, merci !",
        "?souci|Même souci chez moi, c'est revenu après un redémarrage.",
        "?café|Le café virtuel, excellente idée{emoji}",
        "?kit|J'ai commandé le kit le mois dernier, livré en une semaine.",
        "?filaire|Je confirme, le filaire ça change tout.",
        "?déconnecter|Chez moi, c'est la marche de fin de journée qui marche le mieux.",
        "?VPN|{author} as-tu essayé de redémarrer la box ?",
        "?café|Je m'inscris pour le café du vendredi !",
        "?coworking|Le coworking de {site} est très bien, calme et bien équipé.",
        "?déjeunez|Coupable aussi pour le déjeuner devant l'écran...",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[
        PollTemplate {
            intro: "Petit sondage pour mieux connaître les habitudes de chacun :",
            question: "Combien de jours de télétravail faites-vous par semaine ?",
            options: &["Aucun", "1 jour", "2 jours", "3 jours"],
            multiple: false,
        },
        PollTemplate {
            intro: "On prépare une fiche « bien télétravailler » avec les RH. Qu'est-ce qui vous gêne le plus ? Plusieurs réponses possibles.",
            question: "Quel est votre principal irritant en télétravail ?",
            options: &[
                "La connexion",
                "L'isolement",
                "Le matériel",
                "Les réunions à rallonge",
                "La déconnexion le soir",
            ],
            multiple: true,
        },
        PollTemplate {
            intro: "Le café virtuel du vendredi matin existe depuis trois mois. On continue ?",
            question: "Le café virtuel du vendredi, on le garde ?",
            options: &["Oui !", "Plutôt tous les quinze jours", "Non merci"],
            multiple: false,
        },
    ],
    items: &["le VPN", "la visio", "le matériel"],
    links: &["rh/teletravail/charte", "rh/teletravail/kit-ergonomique", "rh/conges-enfant-malade"],
    openers: FORMAL_OPENERS,
    closers: &["", "", "", "\n\nBon télétravail à tous !", "\n\nBonne journée{emoji}"],
    poll_rate: 0.08,
    topic_comment_rate: 0.6,
};

/// Managers: practices and HR deadlines.
pub const MANAGERS: Topic = Topic {
    posts: &[
        "Petit partage : j'ai testé la « météo d'équipe » en début de réunion (chacun dit en un mot comment il va). Effet immédiat sur l'ambiance, je recommande{emoji}",
        "Comment accompagnez-vous un collaborateur qui revient après un long arrêt ? J'en prépare un pour la semaine prochaine et je veux bien faire.",
        "Je cherche un binôme manager pour échanger régulièrement, trente minutes toutes les deux semaines. Qui est partant ?",
        "Retour sur le séminaire des managers : les supports sont [ici]({link}). Mon principal enseignement : mieux vaut peu d'indicateurs bien expliqués que beaucoup affichés.",
        "Comment organisez-vous la présence sur site pour garder au moins deux jours communs par semaine dans l'équipe ?",
        "Retour d'expérience : comment organisez-vous vos points d'équipe hybrides ? J'alterne une semaine sur site, une semaine en visio, avec un tour de table de deux minutes chacun.",
        "Comment gérez-vous les demandes de congés qui se chevauchent en période de pic d'activité ? Je prends toutes vos bonnes pratiques.",
        "Un collaborateur me signale des difficultés avec {x}. Avez-vous des ressources à conseiller avant que j'en parle aux RH ?",
        "Les tableaux de bord d'activité de {month} sont arrivés. Comment les partagez-vous avec vos équipes : en réunion, par écrit, pas du tout ?",
    ],
    shared_posts: &[],
    admin_posts: &[
        "Rappel RH : les demandes de formation pour l'an prochain sont à saisir avant le {later}. [Le catalogue]({link})",
        "La formation sur **{x}** est ouverte aux managers de proximité : sessions le {soon} et le {later}. Inscriptions via [le catalogue]({link}).",
        "Rappel : les entretiens annuels doivent être finalisés avant le {date} dans l'outil RH.",
        "Codéveloppement entre managers le {date} à {hour}, {room}. Sujet proposé par {m} : {x}.",
    ],
    admin_share: 0.25,
    comments: &[
        "Même organisation chez nous, ça fonctionne bien.",
        "?formation|Je conseille le module sur la délégation, très concret.",
        "?tableaux|Je partage les tableaux en réunion, en commentant seulement deux ou trois chiffres.",
        "On peut en parler au prochain codéveloppement ?",
        "Le guide RH est bien fait sur ce point : [guide]({link})",
        "?Inscription|Inscription faite, merci {author_first}.",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[PollTemplate {
        intro: "Le prochain atelier de codéveloppement entre managers aura lieu le {date}. Votez pour le thème :",
        question: "Quel thème pour le prochain atelier de codéveloppement ?",
        options: &[
            "Le management à distance",
            "La gestion des conflits",
            "La délégation",
            "L'accompagnement du changement",
        ],
        multiple: false,
    }],
    items: &[
        "la conduite des entretiens annuels",
        "le management à distance",
        "la prévention des risques psychosociaux",
        "la gestion des conflits",
        "l'accompagnement du changement",
        "la délégation",
    ],
    links: &["rh/managers/guide", "formation/catalogue/managers", "rh/entretiens-annuels"],
    openers: FORMAL_OPENERS,
    closers: FORMAL_CLOSERS,
    poll_rate: 0.06,
    topic_comment_rate: 0.6,
};

/// IT support: questions, incidents, maintenance.
pub const SUPPORT: Topic = Topic {
    posts: &[
        "Mon ordinateur est très lent depuis la dernière mise à jour, c'est normal ?",
        "Impossible de me connecter au VPN depuis l'hôtel (déplacement à {site}), le réseau bloque peut-être ?",
        "Mon deuxième écran reste noir depuis ce matin à {mysite}. J'ai tout débranché et rebranché, sans succès.",
        "Mon poste affiche « profil temporaire » depuis ce matin, quelqu'un sait comment régler ça ?",
        "Les imprimantes du deuxième étage de {mysite} refusent le badge depuis ce matin, c'est connu ?",
        "Comment ajouter une boîte partagée dans la nouvelle messagerie ? Je ne trouve pas l'option.",
        "Mon casque ne fonctionne plus en visio mais marche très bien pour la musique... Une idée ?",
        "Question bête : comment fait-on une capture d'écran d'une seule fenêtre ?",
        "Le lecteur de carte Vitale de l'accueil de {mysite} ne répond plus. Ticket ouvert, mais si quelqu'un a une astuce en attendant...",
    ],
    shared_posts: &[],
    admin_share: 0.35,
    admin_posts: &[
        "**Maintenance planifiée** : {x} sera indisponible le {date} entre 12 h et 13 h 30.",
        "**Incident en cours** sur {x} : nos équipes sont mobilisées, retour à la normale estimé vers {hour}.",
        "**Incident résolu** : {x} fonctionne de nouveau. Merci de votre patience{emoji}",
        "Rappel : le mot de passe doit être changé tous les 90 jours. Un assistant est disponible [ici]({link}).",
        "Astuce : **Windows + Maj + S** pour une capture d'écran d'une zone. Plus d'astuces dans [la FAQ du support]({link}).",
    ],
    comments: &[
        "??|Même problème ici.",
        "Chez moi, c'est revenu après une déconnexion et reconnexion.",
        "??|{author} je passe voir ça dans la matinée.",
        "Merci pour la réactivité !",
        "?ncident|Toujours en panne à {mysite}.",
        "?ncident|Résolu de mon côté, merci.",
        "Pensez à ouvrir un ticket, ça nous aide à prioriser : [support]({link})",
        "Un redémarrage complet a suffi chez moi.",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[PollTemplate {
        intro: "Aidez-nous à nous améliorer : un clic suffit.",
        question: "Êtes-vous satisfait·e du support informatique ce mois-ci ?",
        options: &["Très satisfait·e", "Satisfait·e", "Peu satisfait·e", "Pas satisfait·e"],
        multiple: false,
    }],
    items: &[
        "la téléphonie",
        "le VPN",
        "la messagerie",
        "l'outil de gestion des prestations",
        "l'intranet",
        "le service d'impression",
        "la visio",
        "le portail agent",
    ],
    links: &["support/faq", "support/tickets", "support/mot-de-passe"],
    openers: &[""],
    closers: &["", "", "\n\nMerci d'avance !"],
    poll_rate: 0.03,
    topic_comment_rate: 0.7,
};

/// Used by groups that have no specific topic.
pub const GENERIC: Topic = department(&[], &["les dossiers en cours"]);
