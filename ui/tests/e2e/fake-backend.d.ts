// The fake backend installs itself on `window` when loaded; it exports nothing.
export {};
