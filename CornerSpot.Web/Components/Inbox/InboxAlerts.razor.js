const key = "cornerspot.alerts";

function read() {
    try {
        return JSON.parse(localStorage.getItem(key)) || {};
    } catch {
        return {};
    }
}

export function prefs() {
    const p = read();
    return { sound: !!p.sound, desktop: !!p.desktop && "Notification" in window && Notification.permission === "granted", remind: !!p.remind };
}

export function setPref(name, on) {
    const p = read();
    p[name] = !!on;
    localStorage.setItem(key, JSON.stringify(p));
}

export async function requestPermission() {
    if (!("Notification" in window)) return false;
    if (Notification.permission === "granted") return true;
    return (await Notification.requestPermission()) === "granted";
}

let audio;

function chime() {
    // Two short notes from Web Audio: no sound file to fetch, nothing for the CSP to allow.
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const now = audio.currentTime;
    [[880, 0], [1320, 0.16]].forEach(([freq, at]) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + at);
        gain.gain.exponentialRampToValueAtTime(0.25, now + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.3);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + at);
        osc.stop(now + at + 0.32);
    });
}

export function alert(text, url) {
    const p = prefs();
    if (p.sound) {
        try { chime(); } catch { /* audio may be blocked until the agent interacts with the page */ }
    }
    if (p.desktop && document.visibilityState !== "visible") {
        const n = new Notification("CornerSpot", { body: text, tag: url });
        n.onclick = () => { window.focus(); location.href = url; n.close(); };
    }
}

export function remind() {
    try { chime(); } catch { /* audio may be blocked until the agent interacts with the page */ }
}
