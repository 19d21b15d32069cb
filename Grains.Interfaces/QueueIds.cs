using System.Buffers;

namespace OrleansQueue;

/// <summary>Queue ids: <c>qu-</c> and 32 hex digits, new for every queue, so a re-created name never meets old data.</summary>
public static class QueueIds
{
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>A new, unique queue id.</summary>
    /// <returns>The id.</returns>
    public static string New() => $"qu-{Guid.NewGuid():N}";

    /// <summary>Whether a text has the form of a queue id (it may still name no queue).</summary>
    /// <param name="id">The text.</param>
    /// <returns>Whether it is <c>qu-</c> followed by 1 to 61 of <c>[A-Za-z0-9-]</c>.</returns>
    public static bool IsWellFormed(string id) =>
        id.StartsWith("qu-", StringComparison.Ordinal)
        && id.Length is > 3 and <= 64
        && !id.AsSpan(3).ContainsAnyExcept(IdCharacters);
}
