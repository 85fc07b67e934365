// The app bar's menus (theme, account, status) and the inbox's alert settings are plain markup: a button with
// aria-haspopup and aria-expanded and a hidden role=menu beside it. Opening, closing and moving between items happen
// here in the browser, so a console holds no popover components for menus that are closed nearly all day.
// WAI-ARIA menu button pattern: Enter, Space or ArrowDown open on the first item, ArrowUp on the last; arrows, Home and
// End move; Escape closes and gives focus back to the button; Tab or a click elsewhere closes.
(function () {
    var ITEM = '[role=menuitem],[role=menuitemradio],[role=menuitemcheckbox]';

    function parts(el) {
        var root = el instanceof Element ? el.closest('[data-cs-menu]') : null;
        if (!root) return null;
        var button = root.querySelector('[aria-haspopup]');
        var popup = button && document.getElementById(button.getAttribute('aria-controls'));
        return popup ? { root: root, button: button, popup: popup } : null;
    }

    function items(menu) {
        return Array.prototype.filter.call(menu.popup.querySelectorAll(ITEM), function (i) { return i.getAttribute('aria-disabled') !== 'true'; });
    }

    // Fixed to the viewport beside its button, as MudPopover does, so that no scrolling or clipping parent cuts it off.
    function place(menu) {
        var r = menu.button.getBoundingClientRect();
        var style = menu.popup.style;
        style.position = 'fixed';
        style.top = (r.bottom + 4) + 'px';
        if (menu.popup.classList.contains('cs-menu__popup--start')) {
            style.right = 'auto';
            style.left = Math.max(8, Math.min(r.left, window.innerWidth - menu.popup.offsetWidth - 8)) + 'px';
        } else {
            style.left = 'auto';
            style.right = Math.max(8, window.innerWidth - r.right) + 'px';
        }
    }

    function open(menu, at) {
        closeAll(menu.root);
        menu.popup.hidden = false;
        place(menu);
        menu.button.setAttribute('aria-expanded', 'true');
        var all = items(menu);
        var item = at === 'last' ? all[all.length - 1] : all[0];
        if (item) item.focus();
    }

    function close(menu, refocus) {
        if (menu.popup.hidden) return;
        menu.popup.hidden = true;
        menu.button.setAttribute('aria-expanded', 'false');
        if (refocus) menu.button.focus();
    }

    function closeAll(except) {
        document.querySelectorAll('[data-cs-menu]').forEach(function (root) {
            if (root !== except) { var m = parts(root); if (m) close(m, false); }
        });
    }

    function move(menu, from, step) {
        var all = items(menu);
        if (!all.length) return;
        var i = all.indexOf(from);
        var next = step === 'first' ? 0 : step === 'last' ? all.length - 1 : (i + step + all.length) % all.length;
        all[next].focus();
    }

    document.addEventListener('click', function (e) {
        var menu = parts(e.target);
        if (!menu) { closeAll(null); return; }
        if (menu.button.contains(e.target)) {
            if (menu.popup.hidden) open(menu, 'first'); else close(menu, true);
            return;
        }
        // A chosen item has done its work (its own click handler runs too); a checkbox item keeps the menu open.
        var item = e.target.closest(ITEM);
        if (item && item.getAttribute('role') !== 'menuitemcheckbox') close(menu, true);
    });

    // A fixed popup would stay behind while the page under it moves.
    window.addEventListener('resize', function () { closeAll(null); });
    document.addEventListener('scroll', function (e) {
        if (!(e.target instanceof Element && e.target.closest('.cs-menu__popup'))) closeAll(null);
    }, true);

    document.addEventListener('keydown', function (e) {
        var menu = parts(e.target);
        if (!menu) return;
        if (menu.button.contains(e.target)) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                open(menu, e.key === 'ArrowUp' ? 'last' : 'first');
            } else if (e.key === 'Escape') {
                close(menu, true);
            }
            return;
        }
        if (!menu.popup.contains(e.target)) return;
        var item = e.target.closest(ITEM);
        switch (e.key) {
            case 'ArrowDown': e.preventDefault(); move(menu, item, 1); break;
            case 'ArrowUp': e.preventDefault(); move(menu, item, -1); break;
            case 'Home': e.preventDefault(); move(menu, item, 'first'); break;
            case 'End': e.preventDefault(); move(menu, item, 'last'); break;
            case 'Escape': e.preventDefault(); close(menu, true); break;
            case 'Tab': close(menu, false); break;
            case 'Enter':
            case ' ':
                // Items that are not buttons or links are activated here, as a click (their handler, then closing).
                if (item && !/^(BUTTON|A)$/.test(item.tagName)) { e.preventDefault(); item.click(); }
                else if (item && e.key === ' ' && item.tagName === 'A') { e.preventDefault(); item.click(); }
                break;
        }
    });
})();
