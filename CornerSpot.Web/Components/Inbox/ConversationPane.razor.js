export function scrollToEnd(thread) {
    if (!thread) return;
    // Wide screens scroll the thread itself; a phone scrolls the whole pane, where the newest message sits just above
    // the composer (the Customer sidebar follows below).
    if (thread.scrollHeight > thread.clientHeight) {
        thread.scrollTop = thread.scrollHeight;
        return;
    }
    const end = thread.parentElement?.querySelector(".cs-pane__compose") ?? thread.lastElementChild;
    end?.scrollIntoView({ block: "end" });
}
