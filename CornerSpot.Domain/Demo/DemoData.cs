using System.Diagnostics;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace CornerSpot.Domain.Demo;

/// <summary>Fills the database with realistic customers, conversations and callbacks for demos and load checks.</summary>
/// <remarks>Rows go in through prepared SQLite commands in large transactions: EF's change tracker would spend
/// minutes on 100,000 conversations, this takes seconds. Values are bound the way EF binds them (Guid and
/// DateTime as TEXT) so EF reads them back unchanged.</remarks>
public sealed class DemoData(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    public const int DefaultCount = 200;
    private const int BatchSize = 20_000;
    // Pages of SQLite cache (KiB when negative) while seeding: the phone and search indexes take rows in random order,
    // and with the default 2 MB most inserts of a large seed would wait on a page read.
    private const int SeedingCacheKiB = 256 * 1024;
    private const int DefaultCacheKiB = 2_000;
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
        foreach (var (slug, name) in DemoQueues)
            if (!await db.Queues.AnyAsync(q => q.Slug == slug, ct))
                db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = name, Slug = slug, CreatedAt = now });
        await db.SaveChangesAsync(ct);

        var queues = await db.Queues.AsNoTracking().Where(q => !q.IsArchived)
            .Select(q => new DemoQueue(q.Id, q.Slug, q.Name)).ToListAsync(ct);
        var usedPhones = (await db.Customers.AsNoTracking().Select(c => c.PhoneE164).ToListAsync(ct)).ToHashSet();

        // Activity spread over the past weeks, denser towards now, written oldest first so that a returning
        // visitor's earlier conversation really is earlier.
        var span = TimeSpan.FromDays(conversations <= 2_000 ? 45 : 365);
        var offsets = new long[conversations];
        for (var i = 0; i < conversations; i++)
            offsets[i] = (long)(span.Ticks * Math.Pow(random.NextDouble(), 2.2));
        Array.Sort(offsets);
        Array.Reverse(offsets);

        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await SetCacheAsync(connection, SeedingCacheKiB, ct);
        // A large seed fills the search indexes once at the end, far faster than row by row through their triggers.
        var bulk = conversations >= BulkIndexThreshold;
        if (bulk) await ExecuteAsync(connection, SearchIndexSql.DropTriggers(), ct);
        using var writer = new Writer(connection);
        var customers = new List<DemoCustomer>();
        var counts = new DemoSeedResult(0, 0, 0, 0, TimeSpan.Zero);

        for (var start = 0; start < conversations; start += BatchSize)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            writer.Enlist(tx);
            var end = Math.Min(conversations, start + BatchSize);
            for (var i = start; i < end; i++)
            {
                var at = now - TimeSpan.FromTicks(offsets[i]) - TimeSpan.FromMinutes(2);
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
            await tx.CommitAsync(ct);
            progress?.Report(end);
        }

        await using (var touch = connection.CreateCommand())
        {
            touch.CommandText = """
                UPDATE Customers SET LastSeenAt = COALESCE(
                    (SELECT MAX(c.LastActivityAt) FROM Conversations c WHERE c.CustomerId = Customers.Id), LastSeenAt)
                """;
            await touch.ExecuteNonQueryAsync(ct);
        }
        if (bulk)
        {
            await ExecuteAsync(connection, SearchIndexSql.CreateTriggers(), ct);
            await ExecuteAsync(connection, SearchIndexSql.Rebuild(), ct);
        }
        // Fresh planner statistics for the grown tables (see DomainServices.OptimiseDatabaseAsync).
        await ExecuteAsync(connection, ["PRAGMA analysis_limit = 1000", "ANALYZE"], ct);
        // The connection goes back to the pool: it must not keep a seeding-sized cache.
        await SetCacheAsync(connection, DefaultCacheKiB, ct);
        await db.Database.CloseConnectionAsync();
        return counts with { Elapsed = stopwatch.Elapsed };
    }

    private static Task SetCacheAsync(SqliteConnection connection, int kib, CancellationToken ct) =>
        ExecuteAsync(connection, [$"PRAGMA cache_size = -{kib}"], ct);

    private static async Task ExecuteAsync(SqliteConnection connection, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var sql in statements)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static (int Messages, bool Callback) WriteConversation(
        Writer writer, Random random, DemoCustomer customer, DemoQueue queue, DateTime at, DateTime now)
    {
        var age = now - at;
        var roll = random.NextDouble();
        var status = age < TimeSpan.FromDays(2)
            ? roll < 0.45 ? ConversationStatus.Pending : roll < 0.75 ? ConversationStatus.Open : ConversationStatus.Resolved
            : roll < 0.04 ? ConversationStatus.Pending : roll < 0.08 ? ConversationStatus.Open : ConversationStatus.Resolved;
        var isCallback = status == ConversationStatus.Pending || (status == ConversationStatus.Resolved && random.NextDouble() < 0.55);

        var topic = Pick(random, Topics.TryGetValue(queue.Slug, out var t) ? t : Topics["general"]);
        var agent = Pick(random, Agents);
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
                    messages.Add((MessageAuthor.Visitor, customer.Name, Pick(random, Thanks), Next(1, 30)));
            }
        }
        else
        {
            messages.Add((MessageAuthor.Visitor, customer.Name, topic.Question, time));
            messages.Add((MessageAuthor.Agent, agent, $"Hi {first}, thanks for getting in touch! {topic.Answer}", Next(1, 6)));
            if (random.NextDouble() < 0.6)
                messages.Add((MessageAuthor.Visitor, customer.Name, Pick(random, FollowUps), Next(1, 8)));
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
        var country = Pick(random, Countries);
        PhoneNumber number;
        string e164;
        do
        {
            var national = country.Prefix + string.Concat(Enumerable.Range(0, country.Digits).Select(_ => (char)('0' + random.Next(10))));
            number = util.Parse(national, country.Region);
            e164 = util.Format(number, PhoneNumberFormat.E164);
        } while (!util.IsValidNumber(number) || !usedPhones.Add(e164));

        var firstName = Pick(random, FirstNames);
        var lastName = Pick(random, LastNames);
        var name = $"{firstName} {lastName}";
        var email = random.NextDouble() < 0.65
            ? $"{firstName.ToLowerInvariant()}.{lastName.ToLowerInvariant().Replace("'", "")}{(random.NextDouble() < 0.3 ? random.Next(2, 99).ToString() : "")}@{Pick(random, EmailDomains)}"
            : null;
        return new DemoCustomer(Guid.CreateVersion7(new DateTimeOffset(firstSeen)), name, e164, number,
            util.Format(number, PhoneNumberFormat.NATIONAL), email,
            random.NextDouble() < 0.9 ? Pick(random, country.TimeZones) : null,
            $"https://www.northwind-outfitters.example{Pick(random, Pages)}", firstSeen);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private sealed record DemoQueue(Guid Id, string Slug, string Name);

    private sealed record DemoCustomer(Guid Id, string Name, string PhoneE164, PhoneNumber Number, string PhoneAsTyped,
        string? Email, string? TimeZone, string PageUrl, DateTime FirstSeen);

    private sealed record Country(string Region, string Prefix, int Digits, string[] TimeZones);

    private sealed record Topic(string Question, string Note, string Answer);

    private static readonly Country[] Countries =
    [
        new("GB", "07", 9, ["Europe/London"]),
        new("GB", "020 7", 7, ["Europe/London"]),
        new("GB", "0161 ", 7, ["Europe/London"]),
        new("US", "415", 7, ["America/Los_Angeles"]),
        new("US", "212", 7, ["America/New_York"]),
        new("US", "312", 7, ["America/Chicago"]),
        new("CA", "416", 7, ["America/Toronto"]),
        new("DE", "030 ", 8, ["Europe/Berlin"]),
        new("FR", "06", 8, ["Europe/Paris"]),
        new("IE", "087", 7, ["Europe/Dublin"]),
        new("AU", "04", 8, ["Australia/Sydney", "Australia/Melbourne"]),
        new("IN", "98", 8, ["Asia/Kolkata"]),
        new("ES", "6", 8, ["Europe/Madrid"]),
    ];

    private static readonly string[] FirstNames =
    [
        "Ada", "Grace", "Alan", "Amara", "Mateo", "Priya", "Oliver", "Chloe", "Kwame", "Yuki", "Sofia", "Liam", "Noah",
        "Emma", "Aisha", "Lucas", "Mia", "Ethan", "Zara", "Hannah", "Ravi", "Ingrid", "Tomás", "Fatima", "Jonas", "Leila",
        "Owen", "Nadia", "Felix", "Isla", "Diego", "Freya", "Samuel", "Anya", "Hugo", "Elena", "Arjun", "Maya", "Callum",
        "Sienna", "Kenji", "Beatriz", "Daniel", "Ruby", "Omar", "Clara", "Theo", "Imogen", "Marcus", "Niamh",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace", "Hopper", "Turing", "Okafor", "García", "Sharma", "Bennett", "Dubois", "Mensah", "Tanaka", "Rossi",
        "O'Brien", "Schmidt", "Walsh", "Haddad", "Silva", "Novak", "Fischer", "Khan", "Patel", "Larsen", "Moreau",
        "Nakamura", "Costa", "Murphy", "Kowalski", "Anderson", "Reid", "Fernández", "Ibrahim", "Clarke", "Jensen",
        "Hughes", "Lindqvist", "Mwangi", "Campbell", "Ortiz", "Baker", "Iyer", "Fraser",
    ];

    private static readonly string[] EmailDomains = ["example.com", "example.org", "mail.example.net", "acme.example", "studio.example"];

    private static readonly string[] Pages =
        ["/", "/pricing", "/checkout", "/account/billing", "/help/returns", "/products/trail-jacket", "/contact", "/help/delivery"];

    private static readonly string[] Agents = ["Priya Shah", "Marcus Lee", "Sofia Alvarez", "Tom Becker", "Aiko Tanaka", "Jamie Fox"];

    private static readonly string[] Thanks =
        ["Thanks so much, that's sorted!", "Perfect, thank you.", "Great — appreciate the quick call back.", "Thanks, all clear now."];

    private static readonly string[] FollowUps =
        ["That's great, thanks!", "Ok — and how long does that usually take?", "Could you send that to my email as well?", "Brilliant, thank you.", "Let me check and get back to you."];

    private static readonly Dictionary<string, Topic[]> Topics = new()
    {
        ["sales"] =
        [
            new("Hi! Do you offer discounts for teams of 10 or more?", "Interested in the team plan for 12 people — could you call about pricing?", "Yes — teams of 10+ get 20% off the annual plan, and I can set up a trial for everyone today."),
            new("Is there a demo I can book for next week?", "Would like a quick demo before our board meeting on Friday.", "I've booked you in for a 30-minute walkthrough; the invite is on its way."),
            new("Can I switch from monthly to annual billing?", "Thinking about switching to annual, want to understand the savings.", "Switching to annual saves two months, and I can apply it from your next renewal."),
            new("Do you ship to Ireland and how long does it take?", "Large order for our shop in Cork, need delivery times.", "We ship to Ireland in 2–3 working days, and orders over €150 ship free."),
        ],
        ["support"] =
        [
            new("The app keeps logging me out on my phone.", "Keeps logging me out on Android since yesterday's update.", "A fix is rolling out now; updating the app to 4.2.1 stops the log-outs."),
            new("My order shows delivered but nothing arrived.", "Order #48213 says delivered but it's not here.", "The courier left it at the parcel locker — I've sent you the pickup code."),
            new("How do I reset my password? The email never comes.", "Password reset email never arrives, tried three times.", "Your address had a typo on file; I've corrected it and resent the reset link."),
            new("The jacket I bought is too small, can I exchange it?", "Need to exchange a jacket for a bigger size.", "I've started the exchange and emailed a prepaid returns label."),
        ],
        ["billing"] =
        [
            new("I think I was charged twice this month.", "Charged twice in October — invoice INV-20931.", "You're right, a duplicate charge slipped through; the refund is on its way (3–5 days)."),
            new("Can I get a VAT invoice for my last order?", "Need a VAT invoice with our company number for accounts.", "I've reissued the invoice with your company and VAT number on it."),
            new("My card was declined but I have funds.", "Card declined at checkout, bank says all fine.", "The bank flagged the payment; I've retried it and it went through."),
            new("How do I update the card on my account?", "Card on file expires next week, want to update it over the phone.", "I've sent a secure link where you can update the card in a minute."),
        ],
        ["general"] =
        [
            new("What are your opening hours over the holidays?", "Question about opening hours over the holidays.", "We're open 9–5 every day except the 25th and 26th."),
            new("Can I speak to someone about a partnership?", "Would like to discuss a partnership with your team.", "I've passed your details to our partnerships lead, who'll email you today."),
        ],
    };

    /// <summary>Prepared INSERTs, one per table, reused for every row.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteCommand _customer, _conversation, _message, _callback;

        public Writer(SqliteConnection connection)
        {
            _customer = Prepare(connection, "Customers", "Id", "Name", "PhoneE164", "Email", "TimeZone", "FirstSeenAt", "LastSeenAt", "LastPageUrl");
            _conversation = Prepare(connection, "Conversations", "Id", "QueueId", "CustomerId", "Status", "CreatedAt", "LastActivityAt", "Preview");
            _message = Prepare(connection, "Messages", "Id", "ConversationId", "Author", "AuthorName", "Body", "SentAt");
            _callback = Prepare(connection, "CallbackRequests", "Id", "ConversationId", "Name", "PhoneE164", "PhoneAsTyped",
                "PreferredStartUtc", "PreferredEndUtc", "VisitorTimeZone", "Note", "RequestedAt", "Status", "ResolvedAt", "ResolvedById", "ResolvedByName");
        }

        public void Dispose()
        {
            _customer.Dispose();
            _conversation.Dispose();
            _message.Dispose();
            _callback.Dispose();
        }

        public void Enlist(SqliteTransaction tx) => _customer.Transaction = _conversation.Transaction = _message.Transaction = _callback.Transaction = tx;

        public void Customer(DemoCustomer c) =>
            Run(_customer, c.Id, c.Name, c.PhoneE164, c.Email, c.TimeZone, c.FirstSeen, c.FirstSeen, c.PageUrl);

        public void Conversation(Guid id, Guid queueId, Guid customerId, ConversationStatus status, DateTime createdAt, DateTime lastActivity, string preview) =>
            Run(_conversation, id, queueId, customerId, (int)status, createdAt, lastActivity, preview);

        public void Message(Guid id, Guid conversationId, MessageAuthor author, string name, string body, DateTime sentAt) =>
            Run(_message, id, conversationId, (int)author, name, body, sentAt);

        public void Callback(Guid id, Guid conversationId, DemoCustomer c, DateTime? start, DateTime? end, string? note,
            DateTime requestedAt, CallbackStatus status, DateTime? resolvedAt, string? resolvedBy) =>
            Run(_callback, id, conversationId, c.Name, c.PhoneE164, c.PhoneAsTyped, start, end, c.TimeZone, note, requestedAt,
                (int)status, resolvedAt, null, resolvedBy);

        private static SqliteCommand Prepare(SqliteConnection connection, string table, params string[] columns)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
            foreach (var column in columns)
                cmd.Parameters.Add(new SqliteParameter("$" + column, SqliteType.Text));
            return cmd;
        }

        private static void Run(SqliteCommand cmd, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var p = cmd.Parameters[i];
                // Guid and DateTime as TEXT (uppercase Guid, "yyyy-MM-dd HH:mm:ss.FFFFFFF"), exactly as EF stores them.
                p.SqliteType = values[i] is int ? SqliteType.Integer : SqliteType.Text;
                p.Value = values[i] ?? DBNull.Value;
            }
            cmd.ExecuteNonQuery();
        }
    }
}

public sealed record DemoSeedResult(int Customers, int Conversations, int Messages, int Callbacks, TimeSpan Elapsed);
