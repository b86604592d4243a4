// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so screen-reader users hear what went wrong.
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
  // Ask before destructive actions that declare data-confirm (never in 长者模式: no pop-ups there).
  if (document.body.classList.contains('elder')) return;
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      if (!window.confirm(form.getAttribute('data-confirm') || '确定要执行此操作吗？')) e.preventDefault();
    });
  });
});
