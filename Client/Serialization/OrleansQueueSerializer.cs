using Orleans.Serialization;

namespace OrleansQueue.Serialization;

/// <summary>
/// The default serializer: Orleans' own, so any <c>[GenerateSerializer]</c> type, primitive, string, collection or
/// record round-trips. Values are written as <see cref="object"/>, so each item carries its runtime type and can be read
/// back as <see cref="object"/> or as any type it is assignable to.
/// </summary>
/// <param name="serializer">Orleans' serializer from the client's services.</param>
public sealed class OrleansQueueSerializer(Serializer serializer) : IQueueSerializer
{
    /// <inheritdoc/>
    public byte[] Serialize<T>(T value) => serializer.SerializeToArray<object?>(value);

    /// <inheritdoc/>
    public T Deserialize<T>(byte[] payload) => serializer.Deserialize<object?>(payload) switch
    {
        T value => value,
        null when default(T) is null => default!,
        var other => throw new InvalidCastException(
            $"The item holds a {other?.GetType().FullName ?? "null"}, which is not a {typeof(T).FullName}."),
    };
}
