namespace CornerSpot.Web.Demo;

/// <summary>The names, numbers and topics demo conversations are made of.</summary>
internal static class DemoSamples
{
    public sealed record Country(string Region, string Prefix, int Digits, string[] TimeZones);

    public sealed record Topic(string Question, string Note, string Answer);

    public static readonly Country[] Countries =
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

    public static readonly string[] FirstNames =
    [
        "Ada", "Grace", "Alan", "Amara", "Mateo", "Priya", "Oliver", "Chloe", "Kwame", "Yuki", "Sofia", "Liam", "Noah",
        "Emma", "Aisha", "Lucas", "Mia", "Ethan", "Zara", "Hannah", "Ravi", "Ingrid", "Tomás", "Fatima", "Jonas", "Leila",
        "Owen", "Nadia", "Felix", "Isla", "Diego", "Freya", "Samuel", "Anya", "Hugo", "Elena", "Arjun", "Maya", "Callum",
        "Sienna", "Kenji", "Beatriz", "Daniel", "Ruby", "Omar", "Clara", "Theo", "Imogen", "Marcus", "Niamh",
    ];

    public static readonly string[] LastNames =
    [
        "Lovelace", "Hopper", "Turing", "Okafor", "García", "Sharma", "Bennett", "Dubois", "Mensah", "Tanaka", "Rossi",
        "O'Brien", "Schmidt", "Walsh", "Haddad", "Silva", "Novak", "Fischer", "Khan", "Patel", "Larsen", "Moreau",
        "Nakamura", "Costa", "Murphy", "Kowalski", "Anderson", "Reid", "Fernández", "Ibrahim", "Clarke", "Jensen",
        "Hughes", "Lindqvist", "Mwangi", "Campbell", "Ortiz", "Baker", "Iyer", "Fraser",
    ];

    public static readonly string[] EmailDomains = ["example.com", "example.org", "mail.example.net", "acme.example", "studio.example"];

    public static readonly string[] Pages =
        ["/", "/pricing", "/checkout", "/account/billing", "/help/returns", "/products/trail-jacket", "/contact", "/help/delivery"];

    public static readonly string[] Agents = ["Priya Shah", "Marcus Lee", "Sofia Alvarez", "Tom Becker", "Aiko Tanaka", "Jamie Fox"];

    public static readonly string[] Thanks =
        ["Thanks so much, that's sorted!", "Perfect, thank you.", "Great — appreciate the quick call back.", "Thanks, all clear now."];

    public static readonly string[] FollowUps =
        ["That's great, thanks!", "Ok — and how long does that usually take?", "Could you send that to my email as well?", "Brilliant, thank you.", "Let me check and get back to you."];

    public static readonly Dictionary<string, Topic[]> Topics = new()
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
}
