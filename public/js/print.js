// Progressive enhancement for pages with a print button (e.g. the 依申请公开 receipt): shows the
// button and prints on click. Without JavaScript the page says how to print with the browser.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('button.js-print').forEach((b) => {
    b.hidden = false;
    b.addEventListener('click', () => window.print());
  });
});
