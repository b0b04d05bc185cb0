//! The groups of the organisation, who belongs to them, who runs them and who
//! follows them.

use hublot_api::{GroupKind, Role, Visibility};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::people::is_manager;
use crate::topics::{self, Topic};
use crate::{DemoFollow, DemoGroup, DemoMembership, DemoUser};

/// What the demo person does in a group.
#[derive(Clone, Copy)]
pub enum DemoPlace {
    /// Not a member.
    Out,
    /// Member, following the group or not.
    Member { follow: bool },
    /// Admin, following the group or not.
    Admin { follow: bool },
}

/// How a group is made.
pub struct GroupSpec {
    /// Name.
    pub name: &'static str,
    /// Description.
    pub description: &'static str,
    /// Public or private.
    pub visibility: Visibility,
    /// Work, project, announcement or community.
    pub kind: GroupKind,
    /// Chance that a person (other than the demo person) is a member.
    pub audience: fn(&DemoUser) -> f64,
    /// Who is preferred as admin.
    pub admin_pool: fn(&DemoUser) -> bool,
    /// How many admins, the demo person aside.
    pub admins: usize,
    /// The demo person's place.
    pub demo: DemoPlace,
    /// What people write about.
    pub topic: &'static Topic,
    /// How often people post here during working hours, relatively.
    pub weight_work: f64,
    /// How often people post here in the evening and at the weekend.
    pub weight_off: f64,
}

fn dept(u: &DemoUser, name: &str) -> bool {
    u.department == name
}
fn title_has(u: &DemoUser, words: &[&str]) -> bool {
    words.iter().any(|w| u.job_title.contains(w))
}
fn head(u: &DemoUser) -> bool {
    is_manager(&u.job_title)
}
fn department_group(u: &DemoUser, name: &str) -> f64 {
    if dept(u, name) {
        0.97
    } else if head(u)
        && (u.job_title.starts_with("Directeur") || u.job_title.starts_with("Directrice"))
    {
        0.3
    } else {
        0.005
    }
}
fn site(u: &DemoUser, name: &str, p: f64) -> f64 {
    if u.site == name {
        p
    } else {
        0.01
    }
}

const MEMBER: DemoPlace = DemoPlace::Member { follow: false };
const FOLLOWER: DemoPlace = DemoPlace::Member { follow: true };
const OUT: DemoPlace = DemoPlace::Out;

/// Every group, in the order of [`crate::DemoOrg::groups`].
pub const GROUPS: &[GroupSpec] = &[
    GroupSpec {
        name: "Annonces de la direction",
        description: "Les informations officielles de la direction générale à l'ensemble du personnel. Seuls les administrateurs publient ; les commentaires sont ouverts.",
        visibility: Visibility::Public,
        kind: GroupKind::Announcement,
        audience: |_| 1.0,
        admin_pool: |u| title_has(u, &["Directeur général", "Directrice générale", "Responsable communication", "communication interne"]),
        admins: 4,
        demo: FOLLOWER,
        topic: &topics::ANNOUNCEMENTS,
        weight_work: 1.4,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Négociation temps de travail",
        description: "Le suivi de la négociation sur l'organisation du temps de travail : un point d'étape après chaque séance, et vos questions à l'équipe RH.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| if head(u) { 0.8 } else { 0.45 },
        admin_pool: |u| title_has(u, &["ressources humaines", "relations sociales", "général adjoint", "générale adjointe"]),
        admins: 3,
        demo: FOLLOWER,
        topic: &topics::NEGOTIATION,
        weight_work: 2.2,
        weight_off: 0.3,
    },
    GroupSpec {
        name: "Télétravail : entraide et bonnes pratiques",
        description: "Astuces, matériel, déconnexion, règles de la charte : tout pour bien télétravailler.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| if dept(u, "Services généraux") { 0.15 } else { 0.45 },
        admin_pool: |u| title_has(u, &["communication interne", "Assistant RH", "Assistante RH"]),
        admins: 2,
        demo: MEMBER,
        topic: &topics::TELEWORK,
        weight_work: 4.0,
        weight_off: 1.0,
    },
    GroupSpec {
        name: "Prestations",
        description: "Le groupe du département Prestations : maladie, indemnités journalières, invalidité, accidents du travail.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Prestations"),
        admin_pool: |u| dept(u, "Prestations") && head(u),
        admins: 2,
        demo: FOLLOWER,
        topic: &topics::PRESTATIONS,
        weight_work: 8.0,
        weight_off: 0.2,
    },
    GroupSpec {
        name: "Relation assurés",
        description: "Accueils, plateforme téléphonique, courriels : tout ce qui touche au contact avec les assurés.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Relation assurés"),
        admin_pool: |u| dept(u, "Relation assurés") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::RELATION,
        weight_work: 6.0,
        weight_off: 0.2,
    },
    GroupSpec {
        name: "Gestion du risque",
        description: "Prévention, accompagnement des professionnels de santé, campagnes de dépistage et de vaccination.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Gestion du risque"),
        admin_pool: |u| dept(u, "Gestion du risque") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::RISK,
        weight_work: 3.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Contrôle et lutte contre la fraude",
        description: "Échanges internes au service contrôle. Groupe privé : aucune donnée nominative, même ici.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Contrôle"),
        admin_pool: |u| dept(u, "Contrôle") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::CONTROL,
        weight_work: 2.5,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Action sanitaire et sociale",
        description: "Le service d'action sanitaire et sociale : aides financières, accompagnement, commission.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Action sanitaire et sociale"),
        admin_pool: |u| dept(u, "Action sanitaire et sociale") && head(u),
        admins: 1,
        demo: OUT,
        topic: &topics::SOCIAL,
        weight_work: 1.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Juridique et contentieux",
        description: "Veille juridique, recours amiables et contentieux.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Juridique et contentieux"),
        admin_pool: |u| dept(u, "Juridique et contentieux") && head(u),
        admins: 1,
        demo: OUT,
        topic: &topics::LEGAL,
        weight_work: 1.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Agence comptable",
        description: "L'équipe de l'agence comptable : clôtures, paiements, certification des comptes.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Comptabilité"),
        admin_pool: |u| dept(u, "Comptabilité") && head(u),
        admins: 1,
        demo: OUT,
        topic: &topics::ACCOUNTING,
        weight_work: 1.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Ressources humaines",
        description: "L'équipe RH : paie, formation, recrutement, relations sociales.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Ressources humaines"),
        admin_pool: |u| dept(u, "Ressources humaines") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::HR,
        weight_work: 1.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Informatique",
        description: "La direction des systèmes d'information : mises en production, renouvellement des postes, sécurité.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Informatique"),
        admin_pool: |u| dept(u, "Informatique") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::IT,
        weight_work: 2.0,
        weight_off: 0.2,
    },
    GroupSpec {
        name: "Communication",
        description: "L'équipe communication et ses projets : lettre interne, intranet, événements.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Communication"),
        admin_pool: |u| dept(u, "Communication") && head(u),
        admins: 1,
        demo: OUT,
        topic: &topics::COMMUNICATION,
        weight_work: 1.0,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Comité de direction",
        description: "Le comité de direction : ordres du jour, relevés de décisions, préparation du conseil.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| {
            let t = &u.job_title;
            if t.starts_with("Directeur") || t.starts_with("Directrice") || t.starts_with("Agent comptable") || t.starts_with("Agente comptable") {
                1.0
            } else if dept(u, "Direction") && title_has(u, &["Assistant", "Assistante"]) {
                0.5
            } else {
                0.0
            }
        },
        admin_pool: |u| title_has(u, &["Directeur général", "Directrice générale"]),
        admins: 2,
        demo: OUT,
        topic: &topics::BOARD,
        weight_work: 1.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Services généraux",
        description: "Courrier, numérisation, logistique, bâtiments et véhicules sur les quatre sites.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| department_group(u, "Services généraux"),
        admin_pool: |u| dept(u, "Services généraux") && head(u),
        admins: 2,
        demo: OUT,
        topic: &topics::FACILITIES,
        weight_work: 2.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Unité indemnités journalières – Tours",
        description: "L'unité IJ du site de Tours : organisation, entraide et suivi des stocks.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| {
            if u.site == "Tours" && dept(u, "Prestations") && title_has(u, &["indemnités journalières", "Expert", "Référent"]) {
                0.95
            } else {
                0.0
            }
        },
        admin_pool: |_| false,
        admins: 0,
        demo: DemoPlace::Admin { follow: true },
        topic: &topics::PRESTATIONS,
        weight_work: 3.0,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Plateforme téléphonique",
        description: "Les téléconseillers et leurs superviseurs : plannings, consignes, entraide en direct.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| if title_has(u, &["Téléconseill", "Superviseu"]) { 0.95 } else if dept(u, "Relation assurés") { 0.1 } else { 0.0 },
        admin_pool: |u| title_has(u, &["Superviseu"]),
        admins: 2,
        demo: OUT,
        topic: &topics::RELATION,
        weight_work: 3.0,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Managers de proximité",
        description: "Échanges de pratiques entre managers : organisation, entretiens, accompagnement des équipes.",
        visibility: Visibility::Private,
        kind: GroupKind::Work,
        audience: |u| if head(u) { 0.9 } else { 0.0 },
        admin_pool: |u| title_has(u, &["Responsable formation", "ressources humaines"]),
        admins: 2,
        demo: MEMBER,
        topic: &topics::MANAGERS,
        weight_work: 2.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Support informatique",
        description: "Une question, une panne ? Le support informatique répond ici, et les incidents en cours y sont annoncés.",
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        audience: |u| if dept(u, "Informatique") { 0.8 } else { 0.3 },
        admin_pool: |u| title_has(u, &["Technicien support", "Technicienne support"]),
        admins: 3,
        demo: MEMBER,
        topic: &topics::SUPPORT,
        weight_work: 4.0,
        weight_off: 0.2,
    },
    GroupSpec {
        name: "Projet dématérialisation des feuilles de soins",
        description: "Fin du papier pour les feuilles de soins : numérisation, lecture automatique, nouveaux circuits. Planning, pilotes et retours d'expérience.",
        visibility: Visibility::Public,
        kind: GroupKind::Project,
        audience: |u| {
            if dept(u, "Prestations") {
                0.25
            } else if dept(u, "Informatique") {
                0.4
            } else if title_has(u, &["numérisation", "courrier"]) {
                0.6
            } else {
                0.01
            }
        },
        admin_pool: |u| title_has(u, &["Chef de projet", "Cheffe de projet"]),
        admins: 2,
        demo: FOLLOWER,
        topic: &topics::PAPERLESS,
        weight_work: 3.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Projet accueil sur rendez-vous",
        description: "Généraliser l'accueil sur rendez-vous dans les quatre sites, avec la prise de rendez-vous en ligne.",
        visibility: Visibility::Public,
        kind: GroupKind::Project,
        audience: |u| if dept(u, "Relation assurés") { 0.4 } else { 0.01 },
        admin_pool: |u| title_has(u, &["Responsable accueil", "relation assurés"]),
        admins: 2,
        demo: OUT,
        topic: &topics::APPOINTMENTS,
        weight_work: 2.0,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Migration vers la nouvelle messagerie",
        description: "Le passage de toute la caisse à la nouvelle messagerie et à l'agenda partagé : calendrier, guides, questions.",
        visibility: Visibility::Public,
        kind: GroupKind::Project,
        audience: |u| if dept(u, "Informatique") { 0.7 } else { 0.06 },
        admin_pool: |u| title_has(u, &["Chef de projet", "Cheffe de projet", "Administrat"]),
        admins: 2,
        demo: OUT,
        topic: &topics::MAIL_MIGRATION,
        weight_work: 2.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Plan de sobriété énergétique",
        description: "Réduire nos consommations d'énergie sur les quatre sites : mesures, résultats, idées.",
        visibility: Visibility::Public,
        kind: GroupKind::Project,
        audience: |u| if dept(u, "Services généraux") { 0.4 } else { 0.06 },
        admin_pool: |u| title_has(u, &["services généraux", "Responsable de site"]),
        admins: 2,
        demo: OUT,
        topic: &topics::ENERGY,
        weight_work: 1.0,
        weight_off: 0.1,
    },
    GroupSpec {
        name: "Déménagement du site de Blois",
        description: "Le déménagement du site de Blois dans ses nouveaux locaux : plans, calendrier, organisation. Groupe privé le temps de finaliser le projet.",
        visibility: Visibility::Private,
        kind: GroupKind::Project,
        audience: |u| if u.site == "Blois" { 0.6 } else if dept(u, "Services généraux") { 0.2 } else { 0.0 },
        admin_pool: |u| title_has(u, &["services généraux", "Responsable de site"]),
        admins: 2,
        demo: OUT,
        topic: &topics::MOVING,
        weight_work: 1.5,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Refonte de l'intranet",
        description: "Le nouvel intranet : arborescence, moteur de recherche, pages des services. Donnez votre avis !",
        visibility: Visibility::Public,
        kind: GroupKind::Project,
        audience: |u| if dept(u, "Communication") { 0.8 } else if dept(u, "Informatique") { 0.3 } else { 0.03 },
        admin_pool: |u| title_has(u, &["Responsable communication", "Rédact"]),
        admins: 2,
        demo: OUT,
        topic: &topics::INTRANET,
        weight_work: 1.0,
        weight_off: 0.05,
    },
    GroupSpec {
        name: "Nouveaux arrivants",
        description: "Bienvenue ! Vos questions de nouvel arrivant, et les collègues prêts à y répondre.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.08,
        admin_pool: |u| title_has(u, &["recrutement", "Assistant RH", "Assistante RH"]),
        admins: 2,
        demo: OUT,
        topic: &topics::NEWCOMERS,
        weight_work: 0.8,
        weight_off: 0.2,
    },
    GroupSpec {
        name: "CSE – activités et billetterie",
        description: "Les activités du comité social et économique : billetterie, sorties, chèques-vacances.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.35,
        admin_pool: |_| true,
        admins: 3,
        demo: OUT,
        topic: &topics::WORKS_COUNCIL,
        weight_work: 1.0,
        weight_off: 0.5,
    },
    GroupSpec {
        name: "Course à pied et trail",
        description: "Sorties du midi, courses du week-end, plans d'entraînement : tous niveaux bienvenus !",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.07,
        admin_pool: |_| true,
        admins: 2,
        demo: FOLLOWER,
        topic: &topics::RUNNING,
        weight_work: 0.6,
        weight_off: 2.0,
    },
    GroupSpec {
        name: "Club photo",
        description: "Concours mensuels, sorties photo et conseils techniques, du téléphone au reflex.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.06,
        admin_pool: |_| true,
        admins: 2,
        demo: FOLLOWER,
        topic: &topics::PHOTO,
        weight_work: 0.5,
        weight_off: 2.0,
    },
    GroupSpec {
        name: "Chorale « Les Voix de la Caisse »",
        description: "Répétitions le jeudi midi à Tours et en visio. Aucune expérience requise.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |u| site(u, "Tours", 0.05),
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CHOIR,
        weight_work: 0.3,
        weight_off: 0.8,
    },
    GroupSpec {
        name: "Jardinage et potager partagé",
        description: "Le potager du site de Tours et vos conseils de jardinage.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.05,
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::GARDEN,
        weight_work: 0.3,
        weight_off: 1.0,
    },
    GroupSpec {
        name: "Covoiturage Tours",
        description: "Trouver ou proposer un covoiturage pour venir au site de Tours.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |u| site(u, "Tours", 0.15),
        admin_pool: |_| true,
        admins: 1,
        demo: MEMBER,
        topic: &topics::CARPOOL_TOURS,
        weight_work: 0.6,
        weight_off: 0.8,
    },
    GroupSpec {
        name: "Covoiturage Orléans",
        description: "Trouver ou proposer un covoiturage pour venir au site d'Orléans.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |u| site(u, "Orléans", 0.15),
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CARPOOL_ORLEANS,
        weight_work: 0.4,
        weight_off: 0.6,
    },
    GroupSpec {
        name: "Covoiturage Blois",
        description: "Trouver ou proposer un covoiturage pour venir au site de Blois.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |u| site(u, "Blois", 0.15),
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CARPOOL_BLOIS,
        weight_work: 0.3,
        weight_off: 0.5,
    },
    GroupSpec {
        name: "Covoiturage Châteauroux",
        description: "Trouver ou proposer un covoiturage pour venir au site de Châteauroux.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |u| site(u, "Châteauroux", 0.15),
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CARPOOL_CHATEAUROUX,
        weight_work: 0.3,
        weight_off: 0.5,
    },
    GroupSpec {
        name: "Cuisine et recettes",
        description: "Recettes, astuces pour le déjeuner au bureau et concours de gâteaux.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.08,
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::COOKING,
        weight_work: 0.4,
        weight_off: 1.5,
    },
    GroupSpec {
        name: "Club lecture",
        description: "Une lecture commune par mois, des coups de cœur, et les boîtes à livres des sites.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.05,
        admin_pool: |_| true,
        admins: 1,
        demo: MEMBER,
        topic: &topics::READING,
        weight_work: 0.3,
        weight_off: 1.0,
    },
    GroupSpec {
        name: "Vélotaf",
        description: "Venir au travail à vélo : itinéraires, équipement, ateliers réparation.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.04,
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CYCLING,
        weight_work: 0.3,
        weight_off: 0.8,
    },
    GroupSpec {
        name: "Yoga et pauses actives",
        description: "Séances de yoga du midi et petits exercices à faire au bureau.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.04,
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::YOGA,
        weight_work: 0.3,
        weight_off: 0.5,
    },
    GroupSpec {
        name: "Proches aidants",
        description: "Un espace privé et bienveillant pour les collègues qui accompagnent un proche malade, handicapé ou âgé.",
        visibility: Visibility::Private,
        kind: GroupKind::Community,
        audience: |_| 0.03,
        admin_pool: |u| title_has(u, &["service social"]),
        admins: 1,
        demo: OUT,
        topic: &topics::CARERS,
        weight_work: 0.2,
        weight_off: 0.4,
    },
    GroupSpec {
        name: "Petites annonces",
        description: "Ventes, dons, prêts et locations entre collègues.",
        visibility: Visibility::Public,
        kind: GroupKind::Community,
        audience: |_| 0.15,
        admin_pool: |_| true,
        admins: 1,
        demo: OUT,
        topic: &topics::CLASSIFIEDS,
        weight_work: 0.5,
        weight_off: 1.5,
    },
];

/// Chance that a member follows a group of her own department, or another one.
const FOLLOW_OWN: f64 = 0.5;
const FOLLOW_OTHER: f64 = 0.2;

/// Builds the groups, memberships and follows.
pub fn generate(
    seed: u64,
    users: &[DemoUser],
) -> (Vec<DemoGroup>, Vec<DemoMembership>, Vec<DemoFollow>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6772_6f75_7073); // "groups"
    let mut groups = Vec::with_capacity(GROUPS.len());
    let mut memberships = Vec::new();
    let mut follows = Vec::new();
    for (g, spec) in GROUPS.iter().enumerate() {
        groups.push(DemoGroup {
            name: spec.name.to_owned(),
            description: spec.description.to_owned(),
            visibility: spec.visibility,
            kind: spec.kind,
        });
        let mut members: Vec<usize> = Vec::new();
        for (u, user) in users.iter().enumerate().skip(1) {
            if rng.gen_bool((spec.audience)(user).clamp(0.0, 1.0)) {
                members.push(u);
            }
        }
        // Admins: preferably from the pool, otherwise any member.
        let mut pool: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&u| (spec.admin_pool)(&users[u]))
            .collect();
        pool.shuffle(&mut rng);
        let mut admins: Vec<usize> = pool.into_iter().take(spec.admins).collect();
        while admins.len() < spec.admins.min(members.len()) {
            if let Some(&u) = members.choose(&mut rng) {
                if !admins.contains(&u) {
                    admins.push(u);
                }
            }
        }
        let demo = match spec.demo {
            DemoPlace::Out => None,
            DemoPlace::Member { follow } => Some((Role::Member, follow)),
            DemoPlace::Admin { follow } => Some((Role::Admin, follow)),
        };
        if let Some((role, follow)) = demo {
            memberships.push(DemoMembership {
                group: g,
                user: 0,
                role,
            });
            if follow {
                follows.push(DemoFollow { group: g, user: 0 });
            }
        }
        for &u in &members {
            let role = if admins.contains(&u) {
                Role::Admin
            } else {
                Role::Member
            };
            memberships.push(DemoMembership {
                group: g,
                user: u,
                role,
            });
            let own = spec.kind == GroupKind::Work && spec.name == users[u].department;
            let p = if role == Role::Admin || own {
                FOLLOW_OWN
            } else {
                FOLLOW_OTHER
            };
            if rng.gen_bool(p) {
                follows.push(DemoFollow { group: g, user: u });
            }
        }
    }
    (groups, memberships, follows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::{AUTHOR_REPLIES, GENERIC_COMMENTS, WELCOME};

    /// Every text of every topic used by a group.
    fn all_texts() -> Vec<&'static str> {
        let mut texts: Vec<&'static str> = Vec::new();
        for spec in GROUPS {
            let t = spec.topic;
            for list in [
                t.posts,
                t.shared_posts,
                t.admin_posts,
                t.comments,
                t.shared_comments,
                t.openers,
                t.closers,
            ] {
                texts.extend_from_slice(list);
            }
            for poll in t.polls {
                texts.push(poll.intro);
                texts.push(poll.question);
                texts.extend_from_slice(poll.options);
            }
        }
        texts.extend_from_slice(WELCOME);
        texts.extend_from_slice(GENERIC_COMMENTS);
        texts.extend_from_slice(AUTHOR_REPLIES);
        texts
    }

    #[test]
    fn mentions_are_never_glued_to_a_full_stop() {
        // A handle may hold dots, so "@jean.dupont." would mention nobody.
        for text in all_texts() {
            for slot in ["{m}.", "{m2}.", "{author}."] {
                assert!(!text.contains(slot), "{text}");
            }
        }
    }

    #[test]
    fn templates_only_use_known_slots() {
        const SLOTS: &[&str] = &[
            "m",
            "m2",
            "author",
            "author_first",
            "first",
            "me_first",
            "site",
            "mysite",
            "dept",
            "group",
            "desc",
            "date",
            "soon",
            "later",
            "today",
            "month",
            "nextmonth",
            "hour",
            "room",
            "n",
            "big",
            "pct",
            "hipct",
            "seq",
            "x",
            "y",
            "link",
            "emoji",
        ];
        for text in all_texts() {
            let mut rest = text;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').map(|c| open + c);
                let Some(close) = close else {
                    panic!("unclosed slot in {text}");
                };
                let key = &rest[open + 1..close];
                assert!(SLOTS.contains(&key), "unknown slot {{{key}}} in {text}");
                rest = &rest[close + 1..];
            }
        }
    }

    #[test]
    fn topic_words_exist_where_templates_need_them() {
        for spec in GROUPS {
            let t = spec.topic;
            assert!(!t.items.is_empty(), "{}", spec.name);
            assert!(!t.links.is_empty(), "{}", spec.name);
            assert!(
                !t.openers.is_empty() && !t.closers.is_empty(),
                "{}",
                spec.name
            );
            assert!(
                !t.posts.is_empty() || !t.shared_posts.is_empty(),
                "{}",
                spec.name
            );
            assert!(!t.shared_comments.is_empty(), "{}", spec.name);
        }
    }
}
