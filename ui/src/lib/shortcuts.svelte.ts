/**
 * Where the post shortcuts (j/k, o, l, r) go: the list on screen registers itself here
 * while it is shown, and the app's key handler calls it.
 */

/** A list of posts that the keyboard can move through. */
export type PostListController = {
  move: (delta: 1 | -1) => void;
  open: () => void;
  like: () => void;
  reply: () => void;
};

let active: PostListController | null = null;

/** Registers the list on screen; returns the function that unregisters it. */
export function registerPostList(controller: PostListController): () => void {
  active = controller;
  return () => {
    if (active === controller) active = null;
  };
}

/** The list on screen, if any. */
export function activePostList(): PostListController | null {
  return active;
}
