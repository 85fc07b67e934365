namespace CornerSpot.Domain.Retention;

/// <summary>What "Erase customer" will remove, shown in its confirmation; also what it did remove.</summary>
public sealed record ErasurePreview(string CustomerName, int Conversations, int Messages, int Callbacks)
{
    public string Summary =>
        $"{Conversations} conversation{S(Conversations)}, {Messages} message{S(Messages)}, {Callbacks} callback{S(Callbacks)}";

    private static string S(int n) => n == 1 ? "" : "s";
}
