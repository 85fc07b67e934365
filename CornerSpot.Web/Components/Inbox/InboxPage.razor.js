export function timeZone() {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
        return null;
    }
}

const rowSelector = "[data-testid=conversation-row]";

function isTyping(target) {
    if (!(target instanceof Element)) return false;
    return target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true]") !== null;
}

// j/k move the focus through the rows (Enter then opens the focused row, as any link); "/" focuses the search.
// c, l, r and ? are the page's: they act on the open conversation. Never while the agent types, never with a
// modifier, never behind an open dialog.
export function listenForShortcuts(page) {
    const onKeyDown = (e) => {
        if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
        if (document.querySelector(".mud-dialog")) return;
        const rows = Array.from(document.querySelectorAll(rowSelector));
        switch (e.key) {
            case "j":
            case "k": {
                if (rows.length === 0) return;
                const current = rows.indexOf(document.activeElement?.closest(rowSelector));
                const from = current >= 0 ? current : rows.findIndex(r => r.getAttribute("aria-current") === "page");
                const next = from < 0
                    ? (e.key === "j" ? 0 : rows.length - 1)
                    : Math.min(rows.length - 1, Math.max(0, from + (e.key === "j" ? 1 : -1)));
                rows[next].focus();
                rows[next].scrollIntoView({ block: "nearest" });
                e.preventDefault();
                return;
            }
            case "Enter": {
                if (document.activeElement?.matches(rowSelector)) return;
                const selected = rows.find(r => r.getAttribute("aria-current") === "page") ?? rows[0];
                if (selected && document.activeElement === document.body) {
                    selected.click();
                    e.preventDefault();
                }
                return;
            }
            case "/": {
                const search = document.getElementById("inbox-search");
                if (search) {
                    search.focus();
                    e.preventDefault();
                }
                return;
            }
            case "c":
            case "l":
            case "r":
            case "?":
                e.preventDefault();
                page.invokeMethodAsync("OnShortcutAsync", e.key).catch(err => console.error("Shortcut failed", err));
                return;
        }
    };
    document.addEventListener("keydown", onKeyDown);
    return { dispose: () => document.removeEventListener("keydown", onKeyDown) };
}
