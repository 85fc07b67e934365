export function scrollToEnd(thread) {
    if (!thread) return;
    // The thread scrolls on wide screens; on a phone the whole pane does.
    const scroller = thread.scrollHeight > thread.clientHeight ? thread : thread.closest(".cs-pane__body");
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
}
