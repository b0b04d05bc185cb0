//! The people of the organisation: departments, job titles, sites, handles,
//! e-mail addresses and phone numbers.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::names::{ascii_slug, FEMALE, LAST, MALE};
use crate::{DemoUser, EMAIL_DOMAIN, SITES};

/// Number of people, the demo person included.
pub const USER_COUNT: usize = 1_000;

/// A job title in its masculine and feminine forms.
type Title = (&'static str, &'static str);

/// A department: its name, head count, the titles held by one person each
/// (the heads), and the other titles with their weights.
pub struct Department {
    /// Name as shown in the directory.
    pub name: &'static str,
    /// Head count, the demo person excluded.
    count: usize,
    /// Titles held by exactly one person each.
    heads: &'static [Title],
    /// Other titles with their relative weights.
    titles: &'static [(Title, u32)],
    /// Whether the department works mostly at the head office in Tours.
    head_office: bool,
}

/// Every department; head counts add up to `USER_COUNT - 1`.
pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "Prestations",
        count: 300,
        heads: &[("Directeur des prestations", "Directrice des prestations")],
        titles: &[
            (
                (
                    "Technicien prestations maladie",
                    "Technicienne prestations maladie",
                ),
                30,
            ),
            (
                (
                    "Technicien indemnités journalières",
                    "Technicienne indemnités journalières",
                ),
                18,
            ),
            (
                ("Gestionnaire de prestations", "Gestionnaire de prestations"),
                14,
            ),
            (("Technicien invalidité", "Technicienne invalidité"), 5),
            (("Expert prestations", "Experte prestations"), 4),
            (
                (
                    "Responsable d'unité prestations",
                    "Responsable d'unité prestations",
                ),
                3,
            ),
            (("Manager de proximité", "Manager de proximité"), 2),
            (("Référent technique", "Référente technique"), 3),
        ],
        head_office: false,
    },
    Department {
        name: "Relation assurés",
        count: 200,
        heads: &[(
            "Directeur de la relation assurés",
            "Directrice de la relation assurés",
        )],
        titles: &[
            (("Conseiller accueil", "Conseillère accueil"), 20),
            (("Téléconseiller", "Téléconseillère"), 20),
            (
                (
                    "Conseiller service à l'usager",
                    "Conseillère service à l'usager",
                ),
                8,
            ),
            (
                (
                    "Conseiller accès aux droits",
                    "Conseillère accès aux droits",
                ),
                5,
            ),
            (("Responsable accueil", "Responsable accueil"), 2),
            (
                (
                    "Superviseur plateforme téléphonique",
                    "Superviseuse plateforme téléphonique",
                ),
                2,
            ),
        ],
        head_office: false,
    },
    Department {
        name: "Gestion du risque",
        count: 85,
        heads: &[(
            "Directeur de la gestion du risque",
            "Directrice de la gestion du risque",
        )],
        titles: &[
            (
                (
                    "Délégué de l'Assurance Maladie",
                    "Déléguée de l'Assurance Maladie",
                ),
                10,
            ),
            (
                (
                    "Conseiller informatique service",
                    "Conseillère informatique service",
                ),
                5,
            ),
            (("Chargé de prévention", "Chargée de prévention"), 5),
            (
                (
                    "Chargé d'études statistiques",
                    "Chargée d'études statistiques",
                ),
                3,
            ),
            (("Infirmier conseil", "Infirmière conseil"), 2),
            (("Responsable de programme", "Responsable de programme"), 2),
        ],
        head_office: false,
    },
    Department {
        name: "Contrôle",
        count: 60,
        heads: &[(
            "Responsable lutte contre la fraude",
            "Responsable lutte contre la fraude",
        )],
        titles: &[
            (("Agent de contrôle", "Agente de contrôle"), 10),
            (("Contrôleur prestations", "Contrôleuse prestations"), 8),
            (("Enquêteur assermenté", "Enquêtrice assermentée"), 4),
            (("Analyste fraude", "Analyste fraude"), 2),
        ],
        head_office: false,
    },
    Department {
        name: "Action sanitaire et sociale",
        count: 38,
        heads: &[("Responsable action sociale", "Responsable action sociale")],
        titles: &[
            (
                ("Conseiller action sociale", "Conseillère action sociale"),
                6,
            ),
            (
                (
                    "Assistant de service social",
                    "Assistante de service social",
                ),
                6,
            ),
            (
                (
                    "Gestionnaire aides financières",
                    "Gestionnaire aides financières",
                ),
                4,
            ),
        ],
        head_office: false,
    },
    Department {
        name: "Juridique et contentieux",
        count: 38,
        heads: &[(
            "Responsable du service juridique",
            "Responsable du service juridique",
        )],
        titles: &[
            (("Juriste", "Juriste"), 6),
            (("Gestionnaire contentieux", "Gestionnaire contentieux"), 6),
            (
                (
                    "Gestionnaire recours contre tiers",
                    "Gestionnaire recours contre tiers",
                ),
                4,
            ),
        ],
        head_office: true,
    },
    Department {
        name: "Comptabilité",
        count: 52,
        heads: &[("Agent comptable", "Agente comptable")],
        titles: &[
            (("Technicien comptable", "Technicienne comptable"), 12),
            (("Comptable", "Comptable"), 6),
            (("Contrôleur de gestion", "Contrôleuse de gestion"), 3),
            (
                ("Responsable ordonnancement", "Responsable ordonnancement"),
                1,
            ),
        ],
        head_office: true,
    },
    Department {
        name: "Ressources humaines",
        count: 42,
        heads: &[(
            "Directeur des ressources humaines",
            "Directrice des ressources humaines",
        )],
        titles: &[
            (("Gestionnaire paie", "Gestionnaire paie"), 6),
            (
                (
                    "Gestionnaire administration du personnel",
                    "Gestionnaire administration du personnel",
                ),
                5,
            ),
            (("Chargé de recrutement", "Chargée de recrutement"), 2),
            (("Responsable formation", "Responsable formation"), 1),
            (("Chargé de formation", "Chargée de formation"), 3),
            (("Assistant RH", "Assistante RH"), 3),
            (
                (
                    "Chargé de relations sociales",
                    "Chargée de relations sociales",
                ),
                1,
            ),
        ],
        head_office: true,
    },
    Department {
        name: "Informatique",
        count: 58,
        heads: &[(
            "Directeur des systèmes d'information",
            "Directrice des systèmes d'information",
        )],
        titles: &[
            (("Technicien support", "Technicienne support"), 10),
            (("Développeur", "Développeuse"), 6),
            (
                (
                    "Administrateur systèmes et réseaux",
                    "Administratrice systèmes et réseaux",
                ),
                4,
            ),
            (
                (
                    "Chef de projet informatique",
                    "Cheffe de projet informatique",
                ),
                3,
            ),
            (
                (
                    "Responsable sécurité des systèmes d'information",
                    "Responsable sécurité des systèmes d'information",
                ),
                1,
            ),
            (("Technicien de proximité", "Technicienne de proximité"), 4),
        ],
        head_office: true,
    },
    Department {
        name: "Communication",
        count: 16,
        heads: &[("Responsable communication", "Responsable communication")],
        titles: &[
            (
                (
                    "Chargé de communication interne",
                    "Chargée de communication interne",
                ),
                3,
            ),
            (
                (
                    "Chargé de communication externe",
                    "Chargée de communication externe",
                ),
                2,
            ),
            (("Graphiste", "Graphiste"), 1),
            (("Rédacteur web", "Rédactrice web"), 1),
        ],
        head_office: true,
    },
    Department {
        name: "Direction",
        count: 22,
        heads: &[
            ("Directeur général", "Directrice générale"),
            ("Directeur général adjoint", "Directrice générale adjointe"),
        ],
        titles: &[
            (("Assistant de direction", "Assistante de direction"), 4),
            (("Chargé de mission", "Chargée de mission"), 3),
            (("Auditeur interne", "Auditrice interne"), 2),
            (("Responsable qualité", "Responsable qualité"), 1),
        ],
        head_office: true,
    },
    Department {
        name: "Services généraux",
        count: 88,
        heads: &[(
            "Responsable des services généraux",
            "Responsable des services généraux",
        )],
        titles: &[
            (("Agent de numérisation", "Agente de numérisation"), 10),
            (("Agent courrier", "Agente courrier"), 6),
            (("Agent logistique", "Agente logistique"), 5),
            (
                ("Technicien de maintenance", "Technicienne de maintenance"),
                3,
            ),
            (("Gestionnaire achats", "Gestionnaire achats"), 2),
            (
                (
                    "Agent d'accueil et de sécurité",
                    "Agente d'accueil et de sécurité",
                ),
                2,
            ),
            (("Responsable de site", "Responsable de site"), 1),
        ],
        head_office: false,
    },
];

/// The demo person, always `users[0]`.
const DEMO_FIRST: &str = "Camille";
const DEMO_LAST: &str = "Martin";
const DEMO_TITLE: &str = "Responsable d'unité prestations";
const DEMO_DEPARTMENT: &str = "Prestations";
const DEMO_SITE: &str = "Tours";

/// Share of women among the staff (as in most health-insurance funds).
const WOMEN_SHARE: f64 = 0.7;

/// Generates every person; `users[0]` is the demo person.
pub fn generate(seed: u64) -> Vec<DemoUser> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7065_6f70_6c65); // "people"
    let mut taken: HashSet<String> = HashSet::new();
    // The demo person's own address uses the plain name, so nobody else gets it.
    let demo_mail_local = format!("{}.{}", ascii_slug(DEMO_FIRST), ascii_slug(DEMO_LAST));
    taken.insert("demo".to_owned());
    taken.insert(demo_mail_local.clone());

    let mut users = Vec::with_capacity(USER_COUNT);
    users.push(DemoUser {
        handle: "demo".to_owned(),
        name: format!("{DEMO_FIRST} {DEMO_LAST}"),
        job_title: DEMO_TITLE.to_owned(),
        department: DEMO_DEPARTMENT.to_owned(),
        site: DEMO_SITE.to_owned(),
        email: format!("{demo_mail_local}@{EMAIL_DOMAIN}"),
        phone: Some(phone(&mut rng, DEMO_SITE, false)),
    });

    let mut others = Vec::with_capacity(USER_COUNT - 1);
    for dept in DEPARTMENTS {
        let total: u32 = dept.titles.iter().map(|(_, w)| w).sum();
        for k in 0..dept.count {
            let woman = rng.gen_bool(WOMEN_SHARE);
            let title = if k < dept.heads.len() {
                dept.heads[k]
            } else {
                let mut pick = rng.gen_range(0..total);
                let mut chosen = dept.titles[0].0;
                for (t, w) in dept.titles {
                    if pick < *w {
                        chosen = *t;
                        break;
                    }
                    pick -= w;
                }
                chosen
            };
            let first = if woman {
                FEMALE.choose(&mut rng)
            } else {
                MALE.choose(&mut rng)
            }
            .copied()
            .unwrap_or("Dominique");
            let last = LAST.choose(&mut rng).copied().unwrap_or("Martin");
            let site = pick_site(&mut rng, dept.head_office || k < dept.heads.len());
            let handle = unique_handle(&mut taken, first, last);
            let mobile = rng.gen_bool(0.2);
            let phone = rng.gen_bool(0.65).then(|| phone(&mut rng, site, mobile));
            others.push(DemoUser {
                email: format!("{handle}@{EMAIL_DOMAIN}"),
                handle,
                name: format!("{first} {last}"),
                job_title: if woman { title.1 } else { title.0 }.to_owned(),
                department: dept.name.to_owned(),
                site: site.to_owned(),
                phone,
            });
        }
    }
    // A directory is not sorted by department.
    others.shuffle(&mut rng);
    users.extend(others);
    users
}

/// `prenom.nom`, with 2, 3... appended until it is free.
fn unique_handle(taken: &mut HashSet<String>, first: &str, last: &str) -> String {
    let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
    let mut handle = base.clone();
    let mut n = 2;
    while taken.contains(&handle) {
        handle = format!("{base}{n}");
        n += 1;
    }
    taken.insert(handle.clone());
    handle
}

/// Tours is the head office; the other sites are smaller.
fn pick_site(rng: &mut ChaCha8Rng, head_office: bool) -> &'static str {
    let r: f64 = rng.gen();
    let weights: [f64; 4] = if head_office {
        [0.8, 0.1, 0.06, 0.04]
    } else {
        [0.4, 0.27, 0.18, 0.15]
    };
    let mut acc = 0.0;
    for (site, w) in SITES.iter().zip(weights) {
        acc += w;
        if r < acc {
            return site;
        }
    }
    SITES[0]
}

/// A French phone number: the site's landline prefix, or a mobile.
fn phone(rng: &mut ChaCha8Rng, site: &str, mobile: bool) -> String {
    let prefix = if mobile {
        if rng.gen_bool(0.5) {
            "06"
        } else {
            "07"
        }
    } else {
        match site {
            "Orléans" => "02 38",
            "Blois" | "Châteauroux" => "02 54",
            _ => "02 47",
        }
    };
    let groups = if mobile { 4 } else { 3 };
    let mut out = prefix.to_owned();
    for _ in 0..groups {
        out.push_str(&format!(" {:02}", rng.gen_range(0..100)));
    }
    out
}

/// Whether a title is one of a manager (heads, team leaders).
pub fn is_manager(title: &str) -> bool {
    [
        "Responsable",
        "Manager",
        "Directeur",
        "Directrice",
        "Superviseu",
        "Agent comptable",
        "Agente comptable",
        "Chef",
        "Cheffe",
    ]
    .iter()
    .any(|w| title.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_counts_add_up() {
        let sum: usize = DEPARTMENTS.iter().map(|d| d.count).sum();
        assert_eq!(sum + 1, USER_COUNT);
    }

    #[test]
    fn duplicate_names_get_a_digit() {
        let mut taken = HashSet::new();
        assert_eq!(unique_handle(&mut taken, "Zoé", "Lefèvre"), "zoe.lefevre");
        assert_eq!(unique_handle(&mut taken, "Zoé", "Lefèvre"), "zoe.lefevre2");
        assert_eq!(unique_handle(&mut taken, "Zoé", "Lefèvre"), "zoe.lefevre3");
    }
}
