// Moves focus to an error summary when a form comes back with problems, so screen reader and keyboard users
// hear what went wrong first. Kept in a file: the Content-Security-Policy forbids inline script.
document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-focus-on-load]');
    if (summary) {
        summary.focus();
    }
});
