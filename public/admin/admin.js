// Progressive enhancement only: every admin form works without this file.
// A form with data-confirm asks before it submits (revoke, disable).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
