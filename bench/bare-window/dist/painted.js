// Reports when the first frame with content is painted, the way Hublot's UI
// reports its first post: the next animation frame after the DOM has it.
requestAnimationFrame(() => {
  const at = performance.timeOrigin + performance.now();
  window.__TAURI_INTERNALS__.invoke('painted', { at });
});
