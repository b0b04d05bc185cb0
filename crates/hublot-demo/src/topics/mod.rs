//! What people write about in each group: templates of posts, comments and
//! polls, with the words that fill their `{x}` and `{y}` slots (see `text`).

mod community;
mod projects;
mod work;

pub use community::*;
pub use projects::*;
pub use work::*;

/// The writing material of one kind of group.
pub struct Topic {
    /// Posts by any member (or, in announcement groups, by admins).
    pub posts: &'static [&'static str],
    /// More posts shared with similar groups (e.g. every work group's), drawn
    /// together with `posts` as one list.
    pub shared_posts: &'static [&'static str],
    /// Posts that only group admins write (negotiation updates, project
    /// status, incidents); empty when admins write the same posts as
    /// everybody else.
    pub admin_posts: &'static [&'static str],
    /// Share of posts that are admin posts, when there are any.
    pub admin_share: f64,
    /// Comments specific to the topic. A comment written `?word|text` only
    /// goes under posts whose body contains `word`.
    pub comments: &'static [&'static str],
    /// Comments that fit any group of its kind (e.g. [`GENERIC_COMMENTS`]),
    /// used for the comments not taken from `comments`.
    pub shared_comments: &'static [&'static str],
    /// Polls that may be attached to posts.
    pub polls: &'static [PollTemplate],
    /// Words for the `{x}` and `{y}` slots.
    pub items: &'static [&'static str],
    /// Intranet paths for the `{link}` slot.
    pub links: &'static [&'static str],
    /// How a post opens ("Bonjour à tous,"...); often empty.
    pub openers: &'static [&'static str],
    /// How a post ends ("Bonne journée !"...); often empty.
    pub closers: &'static [&'static str],
    /// Share of posts that carry a poll.
    pub poll_rate: f64,
    /// Share of comments taken from the topic rather than the generic ones.
    pub topic_comment_rate: f64,
}

/// A poll: question and options may hold slots too.
pub struct PollTemplate {
    /// The body of the post that carries the poll.
    pub intro: &'static str,
    /// The question.
    pub question: &'static str,
    /// Between 2 and 10 options.
    pub options: &'static [&'static str],
    /// Whether voters may pick several options.
    pub multiple: bool,
}

/// The first post of every group, by one of its admins, pinned.
pub const WELCOME: &[&str] = &[
    "**Bienvenue dans le groupe « {group} » !**\n\n{desc}\n\nQuelques règles simples :\n- restons courtois et bienveillants\n- aucune donnée personnelle d'assuré ici\n- répondez en commentaire pour garder les échanges lisibles\n\nBonne lecture à toutes et à tous{emoji}",
    "Bonjour à toutes et à tous,\n\nLe groupe **{group}** est ouvert ! {desc}\n\nN'hésitez pas à présenter vos idées et vos questions ici, et à régler vos notifications pour ne rien manquer.",
];

/// Comments that fit any post.
pub const GENERIC_COMMENTS: &[&str] = &[
    "Merci {author_first} !",
    "Merci pour l'info.",
    "Bien noté, merci.",
    "Top, merci pour le partage{emoji}",
    "Super, merci {author_first}{emoji}",
    "C'est noté !",
    "Merci, très clair.",
    "Je transmets à mes collègues de {mysite}.",
    "{author} merci, je regarde ça.",
    "+1",
    "Bonne idée !",
    "Je n'avais pas vu passer l'info, merci.",
    "Merci pour ce message{emoji}",
    "{m} ça devrait t'intéresser.",
];

/// What authors answer under their own posts.
pub const AUTHOR_REPLIES: &[&str] = &[
    "Merci à tous pour vos retours{emoji}",
    "{m} je te réponds en message privé.",
    "Bonne question, je me renseigne et je reviens vers vous.",
    "Je complète : tout est aussi sur [l'intranet]({link}).",
    "Oui, c'est bien ça.",
    "C'est corrigé, merci de l'avoir signalé.",
    "Avec plaisir !",
    "Je précise : c'est valable pour les quatre sites.",
    "Merci {m} !",
];

/// Formal openings for work groups.
pub const FORMAL_OPENERS: &[&str] = &[
    "",
    "",
    "",
    "Bonjour à toutes et à tous,\n\n",
    "Bonjour,\n\n",
    "Bonjour à tous,\n\n",
    "Chères et chers collègues,\n\n",
    "Bonjour l'équipe,\n\n",
];

/// Formal endings for work groups.
pub const FORMAL_CLOSERS: &[&str] = &[
    "",
    "",
    "",
    "\n\nBonne journée à tous.",
    "\n\nMerci à chacun.",
    "\n\nN'hésitez pas à revenir vers moi si besoin.",
    "\n\nBonne continuation à tous.",
    "\n\nMerci pour votre mobilisation.",
];

/// Relaxed openings for community groups.
pub const CASUAL_OPENERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "Hello tout le monde !\n\n",
    "Bonjour à tous,\n\n",
    "Coucou !\n\n",
    "Salut la compagnie,\n\n",
];

/// Relaxed endings for community groups.
pub const CASUAL_CLOSERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "\n\nÀ bientôt !",
    "\n\nBonne journée à tous{emoji}",
    "\n\nÀ très vite !",
];

/// No opening or ending at all (announcements carry their own).
pub const NONE: &[&str] = &[""];
