// Enter sends (Blazor's keydown handler does it) and must not add a line first; Shift+Enter adds one as usual.
// While an input method composes, Enter confirms the word instead.
export function enterSends(input) {
    const onKeyDown = (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) e.preventDefault();
    };
    input.addEventListener("keydown", onKeyDown);
    return { dispose: () => input.removeEventListener("keydown", onKeyDown) };
}
