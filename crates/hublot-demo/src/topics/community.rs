//! Community topics: sport, photography, choir, garden, car-sharing, cooking,
//! books, cycling, yoga, carers, small ads, newcomers and the works council.

use super::{
    PollTemplate, Topic, CASUAL_CLOSERS, CASUAL_OPENERS, FORMAL_CLOSERS, FORMAL_OPENERS,
    GENERIC_COMMENTS,
};

/// Comments for community posts; most only fit an invitation (`12 h`...).
const COMMUNITY_COMMENTS: &[&str] = &[
    "?vient|Je viens !",
    "Super idée{emoji}",
    "?12 h|Je serai là, avec {m} normalement.",
    "?12 h|Pas dispo cette fois, mais la prochaine c'est sûr.",
    "Merci {author_first} !",
    "?12 h|Génial, merci pour l'organisation.",
    "Ça me tente bien.",
    "Top{emoji}",
    "?12 h|Compte sur moi.",
    "{m} regarde, ça pourrait te plaire !",
    "Merci pour le partage{emoji}",
];

/// Running and trail.
pub const RUNNING: Topic = Topic {
    posts: &[
        "Sortie longue dimanche matin le long de la Loire : 15 km à allure tranquille. Départ 9 h du pont, retour pour le café{emoji}",
        "Qui est partant pour un relais sur {x} ? Il nous faut quatre coureuses ou coureurs.",
        "Mes chaussures ont 900 km, il est temps de les changer. Des conseils pour une foulée universelle ?",
        "Sortie footing ce midi : départ 12 h 15 devant l'accueil de {mysite}, boucle de 7 km à allure tranquille. Qui vient ?",
        "Inscriptions ouvertes pour **{x}** ! On monte une équipe aux couleurs de la caisse, les t-shirts sont offerts par le CSE. Inscriptions auprès de {m} avant le {date}.",
        "Bravo à {m} qui a bouclé son premier semi-marathon en moins de deux heures{emoji}",
        "Résultats du challenge de {month} : l'équipe de {site} a cumulé **{big} km** ! Le classement complet est [ici]({link}).",
        "Séance de fractionné jeudi 12 h 15 au stade, avec {m} en coach. Débutants bienvenus, on s'adapte à chacun.",
        "Des conseils pour reprendre la course après une tendinite ? Je reprends tout doucement...",
        "Pour **{x}** le {date}, on organise un covoiturage depuis {mysite}. Places disponibles en commentaire !",
        "Photo de groupe après {x} : {n} coureuses et coureurs de la caisse au départ, et tout le monde à l'arrivée{emoji}",
        "Plan d'entraînement pour préparer un 10 km en huit semaines : [le plan]({link}). Trois sorties par semaine, dont une le midi ensemble.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?nscri|Inscription faite !",
        "?covoiturage|J'ai une place dans ma voiture.",
        "?reprendre|Des conseils pour les chaussures ? Les miennes sont à bout.",
        "Génial, on compte sur toi {author_first}.",
        "?midi|Il y a des douches sur le site de {mysite} ?",
        "?Sortie|Trop rapide pour moi, mais je viens pour la bonne humeur{emoji}",
        "?tendinite|Glace, repos et reprise progressive, c'est ce que m'avait dit le kiné.",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[
        PollTemplate {
            intro: "On cherche un jour fixe pour la sortie du midi, départ 12 h 15 devant l'accueil. Quel jour vous arrange le mieux ?",
            question: "Quel jour pour la sortie hebdomadaire ?",
            options: &["Lundi midi", "Mardi midi", "Jeudi midi", "Vendredi midi"],
            multiple: false,
        },
        PollTemplate {
            intro: "Le CSE peut prendre en charge les inscriptions d'une équipe par course. Dites-nous lesquelles vous tentent, plusieurs choix possibles.",
            question: "Quelles courses vous tentent cette saison ?",
            options: &[
                "Les Foulées de Tours",
                "Les 10 km de Blois",
                "Le Trail des châteaux",
                "Le Semi de Châteauroux",
                "La Corrida d'Orléans",
            ],
            multiple: true,
        },
    ],
    items: &[
        "les Foulées de Tours",
        "les 10 km de Blois",
        "le Marathon de la Loire",
        "le Trail des châteaux",
        "la Corrida d'Orléans",
        "le Semi de Châteauroux",
        "la Course des ponts",
    ],
    links: &["cse/sport/course", "cse/sport/challenge", "cse/sport/plan-10-km"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.08,
    topic_comment_rate: 0.6,
};

/// Photography club.
pub const PHOTO: Topic = Topic {
    posts: &[
        "Ma photo du week-end : brume sur la Loire au lever du soleil. Réglages : 1/250 s, f/8, ISO 200. Vos avis sont les bienvenus !",
        "Des conseils pour photographier les oiseaux ? Je me lance avec un vieux téléobjectif.",
        "Rappel : le règlement du concours est [ici]({link}). Une seule photo par personne et par thème !",
        "**Concours photo du mois : « {x} »**\n\nPostez votre plus belle photo sur le thème en commentaire jusqu'au {date}. La photo gagnante fera la page d'accueil de l'intranet !",
        "Sortie photo samedi matin au bord de la Loire. Rendez-vous 9 h sur le pont Wilson, tous niveaux, tous appareils (même le téléphone) !",
        "Je cherche un objectif pour le portrait, quelqu'un a un retour sur le 50 mm f/1.8 ?",
        "Résultats du concours « {x} » : bravo à {m} pour sa photo de brume sur la Loire, élue avec {n} voix d'avance !",
        "Atelier retouche le {date} à 12 h 30, {room} : les bases de darktable (logiciel libre). Apportez vos photos sur clé USB.",
        "Petit défi de la semaine : **{x}**, pendant la pause de midi. Postez vos essais ici !",
        "Exposition des photos du club dans le hall de {mysite} à partir du {date}. Merci à {m} pour l'accrochage{emoji}",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?photo|Magnifique !",
        "?photo|Superbe lumière{emoji}",
        "?oncours|Je participe !",
        "?photo|Quel appareil utilises-tu ?",
        "?photo|Bravo {author_first}, très réussi.",
        "?thème|Le thème m'inspire, je sors l'appareil ce week-end.",
        "?50 mm|Le 50 mm f/1.8, c'est un excellent rapport qualité-prix.",
        "?ortie|Je serai de la sortie.",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[
        PollTemplate {
            intro: "Le concours de {month} se termine, place au suivant ! À vous de choisir le thème.",
            question: "Thème du prochain concours ?",
            options: &["Reflets", "Noir et blanc", "La ville la nuit", "Macro au jardin", "Le mouvement"],
            multiple: false,
        },
        PollTemplate {
            intro: "Les photos du concours sont en commentaire (numérotées dans l'ordre d'arrivée). À vos votes !",
            question: "Votre photo préférée du concours « {x} » ?",
            options: &["Photo n°1", "Photo n°2", "Photo n°3", "Photo n°4", "Photo n°5"],
            multiple: false,
        },
    ],
    items: &[
        "Reflets",
        "La Loire au fil des saisons",
        "Lignes et perspectives",
        "Noir et blanc",
        "La ville la nuit",
        "Macro au jardin",
        "Le mouvement",
        "Nos sites vus autrement",
        "Les mains au travail",
    ],
    links: &["cse/club-photo", "cse/club-photo/galerie", "cse/club-photo/reglement-concours"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.1,
    topic_comment_rate: 0.6,
};

/// The choir.
pub const CHOIR: Topic = Topic {
    posts: &[
        "Échauffement vocal en visio lundi 12 h 30 : un quart d'heure pour garder la forme entre deux répétitions.",
        "Bravo aux sopranos pour {x} jeudi dernier, c'était superbe{emoji}",
        "Répétition jeudi 12 h 30, {room} : on travaille **{x}**. Pensez à apporter vos partitions !",
        "Le concert de fin de saison aura lieu le {date} dans le hall du site de Tours. Au programme : {x}, {y} et une surprise{emoji}",
        "Nous cherchons des voix d'hommes, ténors et basses surtout ! Pas besoin de savoir lire la musique, juste l'envie de chanter.",
        "Les enregistrements des pupitres sont en ligne pour travailler à la maison : [partitions et enregistrements]({link})",
        "Merci à toutes et à tous pour le concert d'hier : une salle pleine et beaucoup d'émotion sur {x}.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "Hâte d'y être{emoji}",
        "On progresse, bravo à tous !",
        "?enregistrements|Merci pour les enregistrements, très pratique.",
        "Ça me donne envie de m'inscrire.",
        "?épétition|Les altos seront au complet jeudi.",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[PollTemplate {
        intro: "Pour le concert de fin de saison, on peut ajouter un morceau. Votre préférence ?",
        question: "Quel morceau ajouter au répertoire ?",
        options: &["« La Javanaise »", "« Hallelujah »", "« Santiano »", "« Le Temps des cerises »"],
        multiple: false,
    }],
    items: &[
        "« Les Champs-Élysées »",
        "« La Javanaise »",
        "« Santiano »",
        "« Hallelujah »",
        "« L'Hymne à l'amour »",
        "« Le Temps des cerises »",
        "« Douce France »",
    ],
    links: &["cse/chorale"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.08,
    topic_comment_rate: 0.6,
};

/// The shared vegetable garden.
pub const GARDEN: Topic = Topic {
    posts: &[
        "Les premières fraises sont là ! Qui veut venir les cueillir demain midi ?",
        "Le potager cherche des bras pour désherber jeudi 12 h 30. Outils et gants fournis.",
        "Les semis de {x} sont sortis au potager du site de Tours ! Merci à {m} pour l'arrosage du week-end{emoji}",
        "Bourse aux plants le {date} à 12 h 30 devant la cafétéria : apportez vos plants de {x} et repartez avec ceux des autres !",
        "Une astuce naturelle contre les pucerons sur les {x} ? Purin d'ortie ? Savon noir ?",
        "Planning d'arrosage de {nextmonth} en ligne : [planning]({link}). Inscrivez-vous pour une semaine !",
        "Récolte du jour : {n} kilos de {x} ! Ils sont en libre-service en salle de pause, servez-vous.",
        "Le composteur est plein : qui peut aider à le retourner vendredi midi ? Gants fournis.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?pucerons|Le savon noir dilué marche très bien chez moi.",
        "?arrosage|Je prends la semaine du 15 pour l'arrosage.",
        "?Bourse|J'amène des plants de tomates cerises !",
        "?écolte|Merci pour la récolte, délicieux{emoji}",
        "?composteur|Je peux aider vendredi.",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[PollTemplate {
        intro: "Le nouveau carré potager est prêt, merci à {m} pour le coup de bêche ! Reste à décider ce qu'on y met.",
        question: "Que planter dans le nouveau carré ?",
        options: &["Des fraisiers", "Des aromatiques", "Des courgettes", "Des fleurs pour les abeilles"],
        multiple: true,
    }],
    items: &[
        "tomates",
        "courgettes",
        "radis",
        "salades",
        "haricots verts",
        "potirons",
        "framboisiers",
        "aromatiques",
    ],
    links: &["cse/potager"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.06,
    topic_comment_rate: 0.6,
};

const CARPOOL_POSTS: &[&str] = &[
    "Grève des transports annoncée le {date} : organisons-nous ! Proposez vos places ici.",
    "Merci à {m} qui me dépanne depuis deux semaines{emoji} Le covoiturage, c'est aussi de belles rencontres.",
    "Je propose un covoiturage tous les jours depuis {x}, arrivée vers 8 h 15 et retour à 17 h. Il me reste deux places. Participation aux frais à voir ensemble.",
    "Cherche covoiturage depuis {x} le {date}, ma voiture est au garage. Merci d'avance !",
    "Rappel : le forfait mobilités durables couvre aussi le covoiturage régulier, jusqu'à 700 € par an. Démarche sur [l'intranet]({link}).",
    "Travaux sur la rocade la semaine prochaine : prévoyez une vingtaine de minutes de plus le matin.",
    "Quelqu'un fait le trajet {x} → site le vendredi ? C'est mon jour sur place.",
    "Une place se libère dans notre équipage depuis {x} à partir du {date}. Horaires 8 h 30 – 17 h 15.",
];

const CARPOOL_COMMENTS: &[&str] = &[
    "?propose|Je suis intéressé·e, je t'écris en message privé.",
    "?herche|Je passe par {x}, je peux te prendre.",
    "?forfait|Merci pour le rappel du forfait, je ne savais pas.",
    "?trajet|Je fais le trajet le mardi et le jeudi si ça peut aider.",
    "?herche|Complet de mon côté, désolé·e !",
];

const CARPOOL_POLLS: &[PollTemplate] = &[PollTemplate {
    intro: "Pour faciliter les équipages, un petit recensement des horaires d'arrivée :",
    question: "À quelle heure arrivez-vous le plus souvent ?",
    options: &[
        "Avant 8 h",
        "Entre 8 h et 8 h 30",
        "Entre 8 h 30 et 9 h",
        "Après 9 h",
    ],
    multiple: false,
}];

const fn carpool(items: &'static [&'static str]) -> Topic {
    Topic {
        posts: CARPOOL_POSTS,
        shared_posts: &[],
        admin_posts: &[],
        admin_share: 0.0,
        comments: CARPOOL_COMMENTS,
        shared_comments: COMMUNITY_COMMENTS,
        polls: CARPOOL_POLLS,
        items,
        links: &[
            "rh/forfait-mobilites-durables",
            "services-generaux/covoiturage",
        ],
        openers: CASUAL_OPENERS,
        closers: CASUAL_CLOSERS,
        poll_rate: 0.03,
        topic_comment_rate: 0.7,
    }
}

/// Car-sharing to Tours.
pub const CARPOOL_TOURS: Topic = carpool(&[
    "Joué-lès-Tours",
    "Saint-Cyr-sur-Loire",
    "Amboise",
    "Chambray-lès-Tours",
    "Montlouis-sur-Loire",
    "Fondettes",
    "Loches",
]);

/// Car-sharing to Orléans.
pub const CARPOOL_ORLEANS: Topic = carpool(&[
    "Olivet",
    "Saint-Jean-de-Braye",
    "Fleury-les-Aubrais",
    "Meung-sur-Loire",
    "Pithiviers",
    "La Ferté-Saint-Aubin",
]);

/// Car-sharing to Blois.
pub const CARPOOL_BLOIS: Topic = carpool(&[
    "Vendôme",
    "Mer",
    "Vineuil",
    "Romorantin-Lanthenay",
    "Onzain",
    "Contres",
]);

/// Car-sharing to Châteauroux.
pub const CARPOOL_CHATEAUROUX: Topic = carpool(&[
    "Déols",
    "Issoudun",
    "Le Blanc",
    "Argenton-sur-Creuse",
    "Buzançais",
    "Levroux",
]);

/// Cooking and recipes.
pub const COOKING: Topic = Topic {
    posts: &[
        "Qui a testé le nouveau restaurant d'entreprise de {site} ? Le plat du jour vaut-il le détour ?",
        "Pour le pique-nique de l'équipe, j'apporte une {x}. Qui s'occupe du dessert ?",
        "Ma recette de **{x}**, testée et approuvée par toute la famille : [la recette complète]({link}). Le secret : ne pas être pressé{emoji}",
        "Concours de gâteaux vendredi à la pause de 10 h, {room} ! Thème : les desserts de nos régions.",
        "Une idée de plat qui se réchauffe bien au micro-ondes pour le déjeuner au bureau ? Je tourne en rond...",
        "Merci à {m} pour la dégustation de {x} d'hier, il n'en reste plus une miette !",
        "Atelier batch cooking le {date} à 12 h 15 : préparer ses repas de la semaine en deux heures le dimanche.",
        "Recette de saison : **{x}**.\n\n- préparation : 20 minutes\n- cuisson : 35 minutes\n- difficulté : facile\n\nLe pas-à-pas est [ici]({link}).",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?ecette|Testée ce week-end, un régal !",
        "?ecette|Je note pour dimanche.",
        "?dégustation|Tu peux partager la recette ?",
        "?ecette|Ma grand-mère ajoutait un peu de cannelle dans sa recette.",
        "?telier|Je m'inscris à l'atelier !",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[PollTemplate {
        intro: "Après le succès du dernier concours, on remet ça le mois prochain ! Il faut juste choisir le thème.",
        question: "Thème du prochain concours de cuisine ?",
        options: &["Desserts de nos régions", "Cuisine du monde", "Zéro gaspi", "Spécial chocolat"],
        multiple: false,
    }],
    items: &[
        "tarte Tatin",
        "tarte aux poireaux",
        "quiche aux légumes du jardin",
        "galette des rois",
        "fouace",
        "salade de lentilles du Berry",
        "gâteau basque",
        "tarte au citron",
    ],
    links: &["cse/recettes"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.05,
    topic_comment_rate: 0.6,
};

/// Book club.
pub const READING: Topic = Topic {
    posts: &[
        "Conseil de lecture pour l'été : {x}. Idéal pour les vacances !",
        "Quelqu'un a-t-il une liseuse à recommander ? J'hésite entre deux modèles.",
        "**Lecture du mois : {x}**\n\nOn en discute le {date} à 12 h 30, {room}. Même si vous ne l'avez pas fini, venez !",
        "Coup de cœur de la semaine : {x}. Lu d'une traite ce week-end.",
        "La boîte à livres du site de {mysite} déborde, servez-vous ! Et pensez à en rapporter.",
        "Qui a déjà lu {x} ? J'hésite à me lancer.",
        "Compte rendu de notre dernière rencontre autour de {x} : {n} lectrices et lecteurs, des avis très partagés sur la fin !",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "Je l'ai adoré !",
        "Un peu long au début, mais ça vaut le coup.",
        "?discute|Je viens à la rencontre.",
        "?hésite|Je te le prête si tu veux.",
        "Ajouté à ma pile à lire{emoji}",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[PollTemplate {
        intro: "Prochaine rencontre du club le {date} à 12 h 30. Votons pour la lecture commune !",
        question: "Quelle lecture pour le mois prochain ?",
        options: &[
            "« Petit Pays » de Gaël Faye",
            "« Au revoir là-haut » de Pierre Lemaitre",
            "« Chanson douce » de Leïla Slimani",
            "« Les Années » d'Annie Ernaux",
        ],
        multiple: false,
    }],
    items: &[
        "« Petit Pays » de Gaël Faye",
        "« Au revoir là-haut » de Pierre Lemaitre",
        "« Chanson douce » de Leïla Slimani",
        "« Les Années » d'Annie Ernaux",
        "« L'Élégance du hérisson » de Muriel Barbery",
        "« La Tresse » de Laetitia Colombani",
        "« Le Comte de Monte-Cristo »",
        "« L'Étranger » d'Albert Camus",
    ],
    links: &["cse/club-lecture"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.1,
    topic_comment_rate: 0.6,
};

/// Cycling to work.
pub const CYCLING: Topic = Topic {
    posts: &[
        "Rappel : le forfait mobilités durables vaut aussi pour le vélo, jusqu'à 700 € par an. Démarche [ici]({link}).",
        "Vélotaf ce matin sous la pluie, mais quel bonheur de doubler les bouchons{emoji}",
        "L'abri vélos du site de {mysite} est plein : une demande d'extension est en cours auprès des services généraux.",
        "Atelier réparation vélo le {date} à 12 h, parking du site de {site} : un mécanicien bénévole vérifiera freins et éclairage.",
        "Quel itinéraire prenez-vous depuis {x} ? Je cherche un trajet plus sûr que la départementale.",
        "Challenge « Mai à vélo » : l'équipe de la caisse a parcouru **{big} km** ! Bravo à tous.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?itinéraire|Je passe par les bords de Loire, c'est plus long mais tellement plus agréable.",
        "?telier|Je serai à l'atelier, mes freins en ont bien besoin.",
        "?pluie|Bravo pour la motivation sous la pluie !",
        "?itinéraire|La piste cyclable depuis {x} est terminée, c'est top.",
    ],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[],
    items: &["Joué-lès-Tours", "Saint-Pierre-des-Corps", "Olivet", "Vineuil", "Déols", "La Riche", "Saint-Avertin"],
    links: &["rh/forfait-mobilites-durables"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.0,
    topic_comment_rate: 0.6,
};

/// Yoga and active breaks.
pub const YOGA: Topic = Topic {
    posts: &[
        "Séance spéciale respiration vendredi 12 h 15 en visio : dix minutes pour relâcher la pression avant le week-end.",
        "Séance de yoga mardi 12 h 15, {room}. Tapis fournis, tenue confortable recommandée.",
        "Exercice du jour pour le dos : **{x}**, dix respirations. À faire entre deux visios{emoji}",
        "Séance annulée cette semaine, l'animatrice est absente. Reprise le {date}.",
        "Pause active de 10 minutes à 15 h en visio aujourd'hui : étirements de la nuque et des épaules. Lien dans l'agenda.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &["Merci, mon dos vous dit merci !", "?mardi|Je serai là mardi.", "?15 h|Trop bien, la pause de 15 h."],
    shared_comments: COMMUNITY_COMMENTS,
    polls: &[PollTemplate {
        intro: "Les séances du mardi sont complètes : l'animatrice propose d'ouvrir un deuxième créneau. Plusieurs réponses possibles.",
        question: "Quel créneau pour une deuxième séance ?",
        options: &["Lundi 12 h 15", "Jeudi 12 h 15", "Vendredi 8 h"],
        multiple: true,
    }],
    items: &[
        "la posture de l'enfant",
        "le chat-vache",
        "la torsion assise",
        "les étirements de la nuque",
        "la respiration carrée",
    ],
    links: &["qvt/yoga"],
    openers: CASUAL_OPENERS,
    closers: CASUAL_CLOSERS,
    poll_rate: 0.08,
    topic_comment_rate: 0.5,
};

/// Carers of a sick or elderly relative (private).
pub const CARERS: Topic = Topic {
    posts: &[
        "Je m'occupe de ma mère depuis quelques mois et je découvre le **congé de proche aidant**. Quelqu'un l'a déjà demandé ? Comment ça s'est passé ?",
        "Info utile : la plateforme de répit de {site} propose des permanences gratuites. Ressources : [ici]({link}).",
        "Prochain café des aidants le {date} à 12 h 30, en visio. Un moment pour échanger, sans jugement.",
        "Le don de jours de repos entre collègues existe aussi pour les aidants : [la fiche RH]({link}).",
        "Merci pour vos messages la semaine dernière, ça m'a fait du bien de me sentir moins seul·e.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "Courage, tu n'es pas seul·e.",
        "?congé|Je l'ai demandé l'an dernier, les RH ont été très à l'écoute.",
        "?café|Je serai au café des aidants.",
        "?https|Merci pour le lien, très utile.",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[],
    items: &["l'aide à domicile"],
    links: &["rh/proches-aidants", "qvt/soutien"],
    openers: CASUAL_OPENERS,
    closers: &[""],
    poll_rate: 0.0,
    topic_comment_rate: 0.8,
};

/// Small ads.
pub const CLASSIFIEDS: Topic = Topic {
    posts: &[
        "Vends deux billets pour un concert à Tours le {date}, prix coûtant. Empêchement de dernière minute.",
        "Cherche une assistante maternelle du côté de {mysite}, des recommandations ?",
        "Vends {x}, très bon état, {n}0 €. Photos sur demande, remise en main propre à {mysite}.",
        "Donne {x}, à récupérer à {mysite} avant la fin de la semaine.",
        "Cherche {x} à emprunter pour le week-end, je rends avec une bouteille{emoji}",
        "Maison à louer en Bretagne pour les vacances, {n} couchages, tarif collègue. Détails en message privé.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &["?Vends|Toujours disponible ?", "?Donne|Je prends si c'est encore là !", "Envoyé en message privé.", "?Cherche|J'en ai un, je te l'apporte lundi."],
    shared_comments: GENERIC_COMMENTS,
    polls: &[],
    items: &[
        "un vélo enfant 20 pouces",
        "une poussette",
        "une table de jardin",
        "une perceuse",
        "un appareil à raclette",
        "un lot de livres jeunesse",
        "une tente 4 places",
        "un siège auto",
    ],
    links: &["cse/petites-annonces"],
    openers: &[""],
    closers: &[""],
    poll_rate: 0.0,
    topic_comment_rate: 0.7,
};

/// Newcomers.
pub const NEWCOMERS: Topic = Topic {
    posts: &[
        "Quelqu'un peut-il m'expliquer comment recharger le badge de la cantine ? Je n'ai pas compris le système.",
        "Arrivée à {mysite} la semaine dernière : y a-t-il un parking vélo sécurisé ?",
        "Bonjour à tous ! Je viens d'arriver au service {dept}, sur le site de {mysite}. Au plaisir de vous croiser à la pause café{emoji}",
        "**Journée d'intégration** des nouveaux arrivants le {date} à Tours : présentation de l'Assurance Maladie, visite des services, déjeuner avec la direction. Inscription : [ici]({link}).",
        "Petit guide de survie pour les nouveaux : où manger, où se garer, qui contacter pour le badge... C'est par ici : [guide]({link}).",
        "Bienvenue à toutes les personnes arrivées en {month} ! Posez vos questions ici, il n'y a pas de question bête.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &[
        "?arriver|Bienvenue {author_first} !",
        "Bienvenue parmi nous{emoji}",
        "?arriver|Si tu as besoin, mon bureau est au deuxième étage.",
        "Le jeudi, c'est couscous à la cantine, ne le rate pas 😄",
        "Bienvenue ! On se croisera sûrement à la pause café.",
    ],
    shared_comments: GENERIC_COMMENTS,
    polls: &[],
    items: &["le badge"],
    links: &["rh/accueil-nouveaux-arrivants", "rh/guide-de-survie"],
    openers: &[""],
    closers: &[""],
    poll_rate: 0.0,
    topic_comment_rate: 0.9,
};

/// The works council's activities and ticket office.
pub const WORKS_COUNCIL: Topic = Topic {
    posts: &[
        "**Vacances d'été** : les demandes de séjours pour les enfants sont ouvertes jusqu'au {later}. [Formulaire]({link})",
        "Nouveau partenariat : tarifs réduits à la piscine et au cinéma de {site} sur présentation de la carte du CSE.",
        "**Billetterie** : places à tarif réduit pour {x}, disponibles jusqu'au {date}. Commande sur [le site du CSE]({link}).",
        "Les chèques-vacances sont à retirer à l'accueil de votre site à partir du {date}.",
        "Sortie du CSE : {x}, il reste {n} places, départ en car depuis {site}. Inscriptions [ici]({link}).",
        "Permanence du CSE le {date} de 12 h à 14 h à {mysite}, pour toutes vos questions sur les prestations.",
    ],
    shared_posts: &[],
    admin_posts: &[],
    admin_share: 0.0,
    comments: &["?Sortie|Inscrit·e avec ma famille !", "Super, merci le CSE.", "?Billetterie|Est-ce ouvert aux conjoints ?", "?chèques|Faut-il venir en personne ou un collègue peut-il les retirer ?"],
    shared_comments: GENERIC_COMMENTS,
    polls: &[PollTemplate {
        intro: "Le CSE prépare la sortie familiale de la rentrée (car au départ de chaque site). Votre préférence ?",
        question: "Quelle sortie pour la rentrée ?",
        options: &["Le zoo de Beauval", "Le Futuroscope", "Le château de Chambord", "Le Puy du Fou"],
        multiple: false,
    }],
    items: &[
        "le zoo de Beauval",
        "le Futuroscope",
        "le Puy du Fou",
        "le château de Chambord",
        "les Rendez-vous de l'histoire de Blois",
        "le festival de Loire",
    ],
    links: &["cse/billetterie", "cse/sorties"],
    openers: FORMAL_OPENERS,
    closers: FORMAL_CLOSERS,
    poll_rate: 0.06,
    topic_comment_rate: 0.6,
};
