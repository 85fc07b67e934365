using Microsoft.Playwright;

namespace CornerSpot.Bench.Harness;

/// <summary>Timestamps, inside a page, the moment each conversation row's name first appears in the DOM: a
/// MutationObserver callback runs right after the task that changed the DOM (before paint), and reads Date.now(),
/// the same wall clock as the system TimeProvider on this machine. Works for any page whose rows are
/// <c>[data-testid=conversation-row]</c> holding a <c>.cs-row__name</c>, or any other selector whose elements' text is unique
/// (a chat message's bubble).</summary>
public static class RowWatch
{
    private const string InstallScript = """
        (selector) => {
          if (window.__benchSeen) return;
          const seen = new Map();
          const waiters = new Map();
          const scan = () => {
            const now = Date.now();
            for (const label of document.querySelectorAll(selector)) {
              const name = label.textContent.trim();
              if (seen.has(name)) continue;
              seen.set(name, now);
              const wake = waiters.get(name);
              if (wake) { waiters.delete(name); wake(now); }
            }
          };
          scan();
          new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
          window.__benchSeen = seen;
          window.__benchWait = (name, timeoutMs) => seen.has(name)
            ? Promise.resolve(seen.get(name))
            : new Promise((resolve, reject) => {
                waiters.set(name, resolve);
                setTimeout(() => reject(new Error(`No row named "${name}" appeared within ${timeoutMs} ms`)), timeoutMs);
              });
        }
        """;

    /// <summary>The conversation rows' names of an inbox page (and of the push baseline's page).</summary>
    public const string RowNames = "[data-testid=conversation-row] .cs-row__name";

    /// <summary>Starts timestamping the text of every element matching <paramref name="selector"/> (by default the rows' names).</summary>
    public static Task InstallAsync(IPage page, string selector = RowNames) => page.EvaluateAsync(InstallScript, selector);

    /// <summary>Unix milliseconds at which a row with this name first appeared in the page (waits for it).</summary>
    public static async Task<double> SeenAtAsync(IPage page, string name, TimeSpan timeout)
    {
        try
        {
            return await page.EvaluateAsync<double>("([name, timeoutMs]) => window.__benchWait(name, timeoutMs)",
                new object[] { name, timeout.TotalMilliseconds });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Page {page.Url}: the row for \"{name}\" never appeared; no latency can be measured. {ex.Message}", ex);
        }
    }

    public static double UnixMs(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;
}
