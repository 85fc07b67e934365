using System.Diagnostics;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Queues;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace CornerSpot.Web.Demo;

/// <summary>Fills the database with realistic customers, conversations and callbacks for demos and load checks.</summary>
/// <remarks>Rows go in through <see cref="DemoRowWriter"/> in large batches (prepared commands on SQLite, binary COPY
/// on PostgreSQL): EF's change tracker would spend minutes on 100,000 conversations, this takes seconds.</remarks>
public sealed class DemoData(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    public const int DefaultCount = 200;
    private const int BatchSize = 20_000;
    private const int BulkIndexThreshold = 50_000;

    public static readonly (string Slug, string Name)[] DemoQueues = [("sales", "Sales"), ("support", "Support"), ("billing", "Billing")];

    /// <param name="progress">Receives the number of conversations written so far, after each batch.</param>
    public async Task<DemoSeedResult> SeedAsync(int conversations, IProgress<int>? progress, CancellationToken ct, int randomSeed = 20261125)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conversations);
        var stopwatch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(randomSeed);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await EnsureQueuesAsync(db, now, ct);
        var usedPhones = (await db.Customers.AsNoTracking().Where(c => c.PhoneE164 != null).Select(c => c.PhoneE164!).ToListAsync(ct)).ToHashSet();

        await db.Database.OpenConnectionAsync(ct);
        // A large seed builds some indexes once at the end, far faster than row by row.
        var bulk = conversations >= BulkIndexThreshold;
        DemoSeedResult counts;
        await using (var writer = DemoRowWriter.For(db.Database.GetDbConnection()))
        {
            await writer.StartAsync(bulk, ct);
            counts = await WriteConversationsAsync(writer, random, queues, usedPhones, ActivityTimes(random, conversations, now), now, progress, ct);
            await writer.FinishAsync(bulk, ct);
        }
        await db.Database.CloseConnectionAsync();
        return counts with { Elapsed = stopwatch.Elapsed };
    }

    private static async Task<List<DemoQueue>> EnsureQueuesAsync(CornerSpotDb db, DateTime now, CancellationToken ct)
    {
        foreach (var (slug, name) in DemoQueues)
            if (!await db.Queues.AnyAsync(q => q.Slug == slug, ct))
                db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = name, Slug = slug, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return await db.Queues.AsNoTracking().Where(q => !q.IsArchived)
            .Select(q => new DemoQueue(q.Id, q.Slug, q.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// When each conversation starts: spread over the past weeks (a year for large counts), denser towards now, oldest
    /// first so that a returning visitor's earlier conversation really is earlier.
    /// </summary>
    private static DateTime[] ActivityTimes(Random random, int conversations, DateTime now)
    {
        var span = TimeSpan.FromDays(conversations <= 2_000 ? 45 : 365);
        var offsets = new long[conversations];
        for (var i = 0; i < conversations; i++)
            offsets[i] = (long)(span.Ticks * Math.Pow(random.NextDouble(), 2.2));
        Array.Sort(offsets);
        Array.Reverse(offsets);
        return offsets.Select(o => now - TimeSpan.FromTicks(o) - TimeSpan.FromMinutes(2)).ToArray();
    }

    private static async Task<DemoSeedResult> WriteConversationsAsync(DemoRowWriter writer, Random random,
        List<DemoQueue> queues, HashSet<string> usedPhones, DateTime[] times, DateTime now, IProgress<int>? progress, CancellationToken ct)
    {
        var customers = new List<DemoCustomer>();
        var counts = new DemoSeedResult(0, 0, 0, 0, TimeSpan.Zero);
        for (var start = 0; start < times.Length; start += BatchSize)
        {
            await writer.BeginBatchAsync(ct);
            var end = Math.Min(times.Length, start + BatchSize);
            for (var i = start; i < end; i++)
            {
                var at = times[i];
                var customer = customers.Count > 20 && random.NextDouble() < 0.22
                    ? customers[random.Next(customers.Count)]
                    : null;
                if (customer is null)
                {
                    customer = NewCustomer(random, usedPhones, at);
                    customers.Add(customer);
                    writer.Customer(customer);
                    counts = counts with { Customers = counts.Customers + 1 };
                }
                var written = WriteConversation(writer, random, customer, queues[random.Next(queues.Count)], at, now);
                counts = counts with
                {
                    Conversations = counts.Conversations + 1,
                    Messages = counts.Messages + written.Messages,
                    Callbacks = counts.Callbacks + (written.Callback ? 1 : 0),
                };
            }
            await writer.CommitBatchAsync(ct);
            progress?.Report(end);
        }
        return counts;
    }

    private static (int Messages, bool Callback) WriteConversation(
        DemoRowWriter writer, Random random, DemoCustomer customer, DemoQueue queue, DateTime at, DateTime now)
    {
        var age = now - at;
        var roll = random.NextDouble();
        var status = age < TimeSpan.FromDays(2)
            ? roll < 0.45 ? ConversationStatus.Pending : roll < 0.75 ? ConversationStatus.Open : ConversationStatus.Resolved
            : roll < 0.04 ? ConversationStatus.Pending : roll < 0.08 ? ConversationStatus.Open : ConversationStatus.Resolved;
        var isCallback = status == ConversationStatus.Pending || (status == ConversationStatus.Resolved && random.NextDouble() < 0.55);

        var topic = Pick(random, DemoSamples.Topics.TryGetValue(queue.Slug, out var t) ? t : DemoSamples.Topics["general"]);
        var agent = Pick(random, DemoSamples.Agents);
        var first = customer.Name.Split(' ')[0];
        var conversationId = Guid.CreateVersion7(new DateTimeOffset(at));
        var messages = new List<(MessageAuthor Author, string Name, string Body, DateTime At)>();
        var time = at;
        DateTime Next(int minMinutes, int maxMinutes) =>
            time = time.AddMinutes(random.Next(minMinutes, maxMinutes)).AddSeconds(random.Next(60));

        string? note = null;
        if (isCallback)
        {
            note = random.NextDouble() < 0.8 ? topic.Note : null;
            messages.Add((MessageAuthor.Visitor, customer.Name, CallbackIntake.VisitorMessage(note), time));
            if (status == ConversationStatus.Resolved)
            {
                messages.Add((MessageAuthor.Agent, agent, $"Hi {first}, I've just called you back on {PhoneNumberUtil.GetInstance().Format(customer.Number, PhoneNumberFormat.INTERNATIONAL)}. {topic.Answer}", Next(15, 600)));
                if (random.NextDouble() < 0.5)
                    messages.Add((MessageAuthor.Visitor, customer.Name, Pick(random, DemoSamples.Thanks), Next(1, 30)));
            }
        }
        else
        {
            messages.Add((MessageAuthor.Visitor, customer.Name, topic.Question, time));
            messages.Add((MessageAuthor.Agent, agent, $"Hi {first}, thanks for getting in touch! {topic.Answer}", Next(1, 6)));
            if (random.NextDouble() < 0.6)
                messages.Add((MessageAuthor.Visitor, customer.Name, Pick(random, DemoSamples.FollowUps), Next(1, 8)));
            if (status == ConversationStatus.Resolved && random.NextDouble() < 0.6)
                messages.Add((MessageAuthor.Agent, agent, "Glad I could help. Have a great day!", Next(1, 4)));
        }

        // A reply cannot come from the future: move the whole exchange back when it would end after now.
        var overshoot = messages[^1].At - now.AddSeconds(-random.Next(5, 90));
        if (overshoot > TimeSpan.Zero)
        {
            messages = messages.Select(m => m with { At = m.At - overshoot }).ToList();
            at -= overshoot;
        }
        var last = messages[^1];
        writer.Conversation(conversationId, queue.Id, customer.Id, status, at, last.At, Message.ToPreview(last.Body));
        foreach (var m in messages)
            writer.Message(Guid.CreateVersion7(new DateTimeOffset(m.At)), conversationId, m.Author, m.Name, m.Body, m.At);

        if (isCallback)
        {
            DateTime? windowStart = null, windowEnd = null;
            if (random.NextDouble() < 0.55 && customer.TimeZone is { } zoneId
                && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(at, zone).Date.AddDays(1).AddHours(random.Next(9, 17));
                windowStart = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                windowEnd = windowStart.Value.AddHours(random.Next(1, 3));
            }
            var resolved = status == ConversationStatus.Resolved;
            writer.Callback(Guid.CreateVersion7(new DateTimeOffset(at)), conversationId, customer, windowStart, windowEnd, note, at,
                resolved ? CallbackStatus.Resolved : CallbackStatus.Pending,
                resolved ? messages[1].At : null, resolved ? agent : null);
        }
        return (messages.Count, isCallback);
    }

    private static DemoCustomer NewCustomer(Random random, HashSet<string> usedPhones, DateTime firstSeen)
    {
        var util = PhoneNumberUtil.GetInstance();
        var country = Pick(random, DemoSamples.Countries);
        PhoneNumber number;
        string e164;
        do
        {
            var national = country.Prefix + string.Concat(Enumerable.Range(0, country.Digits).Select(_ => (char)('0' + random.Next(10))));
            number = util.Parse(national, country.Region);
            e164 = util.Format(number, PhoneNumberFormat.E164);
        } while (!util.IsValidNumber(number) || !usedPhones.Add(e164));

        var firstName = Pick(random, DemoSamples.FirstNames);
        var lastName = Pick(random, DemoSamples.LastNames);
        var name = $"{firstName} {lastName}";
        var email = random.NextDouble() < 0.65
            ? $"{firstName.ToLowerInvariant()}.{lastName.ToLowerInvariant().Replace("'", "")}{(random.NextDouble() < 0.3 ? random.Next(2, 99).ToString() : "")}@{Pick(random, DemoSamples.EmailDomains)}"
            : null;
        return new DemoCustomer(Guid.CreateVersion7(new DateTimeOffset(firstSeen)), name, e164, number,
            util.Format(number, PhoneNumberFormat.NATIONAL), email,
            random.NextDouble() < 0.9 ? Pick(random, country.TimeZones) : null,
            $"https://www.northwind-outfitters.example{Pick(random, DemoSamples.Pages)}", firstSeen);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private sealed record DemoQueue(Guid Id, string Slug, string Name);

    internal sealed record DemoCustomer(Guid Id, string Name, string PhoneE164, PhoneNumber Number, string PhoneAsTyped,
        string? Email, string? TimeZone, string PageUrl, DateTime FirstSeen);

}
