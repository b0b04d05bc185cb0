//! Project topics: the same project life (status, steering committee, pilot,
//! workshops, delays, go-live) told with each project's own words.

use super::{PollTemplate, Topic, FORMAL_CLOSERS, FORMAL_OPENERS, GENERIC_COMMENTS};

/// What project members write: questions, field feedback, volunteering.
const PROJECT_MEMBER_POSTS: &[&str] = &[
    "Question sur {x} : comment cela se passera-t-il concrètement pour nos équipes ? Une période de transition est-elle prévue ?",
    "Retour terrain depuis {mysite} : {x} fonctionne bien, mais {y} nous fait encore perdre du temps. Est-ce prévu dans la prochaine version ?",
    "Est-ce que {mysite} fera partie de la prochaine vague de déploiement ?",
    "Je me porte volontaire pour tester {x} avec mon équipe, si vous cherchez encore des pilotes.",
    "Petite astuce trouvée en testant {x} : [la fiche pratique]({link}). Ça évite de ressaisir deux fois les mêmes informations.",
    "Question ouverte à tous : qu'est-ce qui vous gêne le plus aujourd'hui dans {x} ? Vos réponses pourraient alimenter le prochain atelier.",
    "Merci à l'équipe projet pour la démonstration d'hier sur {x}, c'était très clair. Les supports seront-ils partagés ?",
    "Premier jour avec le nouveau fonctionnement pour {x} à {mysite} : quelques hésitations ce matin, mais ça roule déjà mieux cet après-midi{emoji}",
];

/// What the project team (the group's admins) publishes.
const PROJECT_POSTS: &[&str] = &[
    "**Point d'avancement – semaine du {today}**\n\n- ✅ {x} : terminé\n- 🔄 {y} : en cours, {pct} % réalisé\n- ⏳ recette prévue le {date}\n\nLe planning détaillé est sur [l'espace projet]({link}).",
    "**Comité de pilotage du {date}** : merci de m'envoyer vos éléments sur {x} d'ici le {soon}. {m}, peux-tu préparer la partie sur {y} ?",
    "La phase pilote démarre le {date} sur le site de {site}. Les {n} volontaires recevront une invitation à une session de prise en main.",
    "Retour du pilote : {pct} % des utilisateurs trouvent le nouveau fonctionnement plus simple. Points à améliorer : {x} et {y}.",
    "Atelier de co-construction sur **{x}** le {date} à {hour}, {room}. Ouvert à toutes celles et ceux qui veulent donner leur avis, même sans faire partie de l'équipe projet.",
    "Petite alerte : la livraison concernant {x} a pris environ {n} jours de retard. Le jalon de recette est décalé, mais la date de déploiement reste tenue pour l'instant.",
    "Le compte rendu de la réunion de lancement est en ligne : [compte rendu]({link}).\n\nProchaines étapes :\n1. cartographier {x}\n2. valider {y} avec les équipes\n3. planifier la formation des utilisateurs",
    "Bravo à l'équipe : **{x}**, c'est en production depuis ce matin ! Merci à {m} et {m2} pour leur investissement{emoji}",
    "FAQ mise à jour avec vos questions de la semaine, notamment sur {x} : [FAQ du projet]({link})",
    "Recette de {x} : {n} anomalies ouvertes, dont une bloquante. {m} pilote les corrections avec le prestataire, nouveau point le {soon}.",
    "Les supports de formation sur {x} sont prêts : [supports]({link}). Les sessions commencent le {date} ; inscriptions auprès de {m} !",
];

const PROJECT_COMMENTS: &[&str] = &[
    "?terminé|Super avancée, bravo !",
    "Est-ce que {site} fera partie de la prochaine vague ?",
    "?atelier|Je peux participer à l'atelier.",
    "?pilote|Qui contacter en cas de souci pendant le pilote ?",
    "?pilote|Les collègues de mon équipe sont plutôt contents du changement.",
    "?retard|Le retard vient-il du prestataire ?",
    "?inscri|Je m'inscris !",
    "?planning|Merci pour la transparence sur le planning.",
    "?éléments|{author} je t'envoie mes éléments demain matin.",
    "Pour moi, le plus gênant reste {x}.",
];

const PROJECT_POLLS: &[PollTemplate] = &[
    PollTemplate {
        intro: "Nous organisons un atelier pour recueillir vos besoins sur {x}. Merci de voter pour le créneau qui vous convient.",
        question: "Quel créneau pour l'atelier de co-construction ?",
        options: &[
            "Le {soon} matin",
            "Le {date} après-midi",
            "En visio, à midi",
        ],
        multiple: false,
    },
    PollTemplate {
        intro: "La prochaine version se prépare maintenant. Aidez-nous à prioriser, plusieurs choix possibles :",
        question: "Quels points vous semblent prioritaires pour la prochaine version ?",
        options: &[
            "L'ergonomie",
            "La rapidité",
            "Les modèles de courrier",
            "L'aide en ligne",
            "Les statistiques",
        ],
        multiple: true,
    },
    PollTemplate {
        intro: "Les sessions de formation sur {x} sont terminées pour la première vague. Votre avis nous aidera à ajuster les suivantes.",
        question: "Comment évaluez-vous la formation reçue ?",
        options: &["Très utile", "Utile", "Peu utile", "Pas encore formé·e"],
        multiple: false,
    },
];

const PROJECT_LINKS: &[&str] = &[
    "projets/espace",
    "projets/planning",
    "projets/faq",
    "projets/comptes-rendus",
];

const fn project(items: &'static [&'static str]) -> Topic {
    Topic {
        posts: PROJECT_MEMBER_POSTS,
        shared_posts: &[],
        admin_posts: PROJECT_POSTS,
        admin_share: 0.5,
        comments: PROJECT_COMMENTS,
        shared_comments: GENERIC_COMMENTS,
        polls: PROJECT_POLLS,
        items,
        links: PROJECT_LINKS,
        openers: FORMAL_OPENERS,
        closers: FORMAL_CLOSERS,
        poll_rate: 0.07,
        topic_comment_rate: 0.6,
    }
}

/// Paperless care claims.
pub const PAPERLESS: Topic = project(&[
    "la numérisation des feuilles de soins papier",
    "la lecture automatique des documents",
    "le circuit des rejets",
    "l'archivage électronique",
    "la bannette de travail des techniciens",
    "l'information des professionnels de santé",
]);

/// Front desks on appointment.
pub const APPOINTMENTS: Topic = project(&[
    "la prise de rendez-vous en ligne",
    "les rappels par SMS",
    "l'aménagement des espaces d'accueil",
    "les rendez-vous en visio",
    "la borne d'accueil",
    "la formation des conseillers",
]);

/// The new mail system.
pub const MAIL_MIGRATION: Topic = project(&[
    "la migration des boîtes aux lettres",
    "les boîtes partagées",
    "les listes de diffusion",
    "l'agenda partagé",
    "la configuration des mobiles",
    "l'archivage des anciens messages",
]);

/// Energy savings.
pub const ENERGY: Topic = project(&[
    "la baisse de la température des bureaux",
    "l'extinction des lumières la nuit",
    "le regroupement des réunions le vendredi",
    "le passage aux éclairages LED",
    "les détecteurs de présence",
    "le suivi des consommations",
]);

/// Moving the Blois site.
pub const MOVING: Topic = project(&[
    "le plan des nouveaux bureaux",
    "le déménagement des archives",
    "le câblage réseau",
    "l'aménagement de l'accueil",
    "le calendrier des cartons",
    "le parking du nouveau site",
]);

/// The new intranet.
pub const INTRANET: Topic = project(&[
    "l'arborescence",
    "le moteur de recherche",
    "les pages des services",
    "l'annuaire",
    "la charte graphique",
    "les actualités",
]);
