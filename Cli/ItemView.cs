using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Serialization;
using Orleans.Serialization.Session;
using Orleans.Serialization.Utilities;
using OrleansQueue.Serialization;

namespace OrleansQueue.Cli;

/// <summary>An item as the terminal shows it: its value when it is plain data, or its type and size otherwise.</summary>
/// <param name="Value">The value, if it is a primitive, a string, or a collection of them; otherwise <c>null</c>.</param>
/// <param name="Text">How it prints.</param>
internal sealed record ItemView(object? Value, string Text);

/// <summary>
/// The Orleans serializer, as services use it, with one addition: items read as <see cref="ItemView"/> never fail, even
/// when they hold a type this tool does not know.
/// </summary>
internal sealed partial class TerminalSerializer(Serializer serializer, SerializerSessionPool sessions) : IQueueSerializer
{
    private readonly OrleansQueueSerializer values = new(serializer);

    public byte[] Serialize<T>(T value) => values.Serialize(value);

    public T Deserialize<T>(byte[] payload) =>
        typeof(T) == typeof(ItemView) ? (T)(object)View(payload) : values.Deserialize<T>(payload);

    private ItemView View(byte[] payload)
    {
        object? value;
        try
        {
            value = serializer.Deserialize<object?>(payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The item's type is not known to this tool; Orleans' own reading of the wire format still names it.
            using var session = sessions.GetSession();
            var type = EncodedTypeName().Match(BitStreamFormatter.Format(payload, session)) is { Success: true } match
                ? match.Groups[1].Value
                : "unknown type";
            return new ItemView(null, $"<{type}, {payload.Length} bytes>");
        }

        return value switch
        {
            string text => new ItemView(text, text),
            _ when IsPlain(value) => new ItemView(value, JsonSerializer.Serialize(value)),
            _ => new ItemView(null, $"<{value!.GetType().FullName}, {payload.Length} bytes>"),
        };
    }

    private static bool IsPlain(object? value) => value switch
    {
        null or string or bool or char or decimal or DateTime or DateTimeOffset or Guid or TimeSpan => true,
        _ when value.GetType().IsPrimitive => true,
        IDictionary dictionary => dictionary.Keys.Cast<object?>().All(IsPlain) && dictionary.Values.Cast<object?>().All(IsPlain),
        IEnumerable sequence => sequence.Cast<object?>().All(IsPlain),
        _ => false,
    };

    [GeneratedRegex("TypeName \"([^\"]+)\"")]
    private static partial Regex EncodedTypeName();
}
