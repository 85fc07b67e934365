// Light, dark or the system's choice, applied before the first paint (this script blocks in <head>), and remembered
// per browser in a cookie so the server renders the same palette on the next page load: no light flash.
(function () {
    var root = document.documentElement;
    var media = window.matchMedia('(prefers-color-scheme: dark)');
    var year = 60 * 60 * 24 * 365;

    function preference() {
        var m = document.cookie.match(/(?:^|;\s*)cs-theme=(light|dark|system)/);
        return m ? m[1] : 'system';
    }

    function apply() {
        var pref = preference();
        root.setAttribute('data-cs-theme', pref === 'dark' || (pref === 'system' && media.matches) ? 'dark' : 'light');
        document.cookie = 'cs-system-dark=' + (media.matches ? '1' : '0') + '; path=/; max-age=' + year + '; samesite=lax';
    }

    apply();
    media.addEventListener('change', apply);

    window.csTheme = {
        set: function (pref) {
            document.cookie = 'cs-theme=' + pref + '; path=/; max-age=' + year + '; samesite=lax';
            apply();
            return root.getAttribute('data-cs-theme') === 'dark';
        }
    };
})();
