// MudBlazor dialogs keep focus inside while open but do not give it back: when the last dialog closes, focus returns to
// the control that had it before the first one opened (the "Log call" button, the row a shortcut was pressed on…).
(function () {
    var opener = null;
    var lastOutside = null;

    document.addEventListener('focusin', function (e) {
        var inDialog = e.target instanceof Element && e.target.closest('.mud-dialog-container');
        if (!inDialog) { lastOutside = e.target; return; }
        if (!opener) opener = lastOutside;
    });

    new MutationObserver(function () {
        if (!opener || document.querySelector('.mud-dialog-container')) return;
        var target = opener;
        opener = null;
        var active = document.activeElement;
        if (target.isConnected && (!active || active === document.body || !active.isConnected)) target.focus();
    }).observe(document.body, { childList: true, subtree: true });
})();
