namespace OrleansQueue.Serialization;

/// <summary>
/// Turns values into item bytes and back. The silo never reads the bytes; only clients that share a serializer can share
/// a queue. Register another implementation before <c>AddOrleansQueues()</c> to replace the default.
/// </summary>
/// <example>
/// <code>
/// services.AddSingleton&lt;IQueueSerializer, MyJsonQueueSerializer&gt;();
/// clientBuilder.AddOrleansQueues();
/// </code>
/// </example>
public interface IQueueSerializer
{
    /// <summary>Serializes a value into the bytes of one item.</summary>
    /// <typeparam name="T">The type the caller put.</typeparam>
    /// <param name="value">The value, which may be <c>null</c>.</param>
    /// <returns>The item's bytes.</returns>
    byte[] Serialize<T>(T value);

    /// <summary>Reads a value back from the bytes of one item.</summary>
    /// <typeparam name="T">The type the caller expects.</typeparam>
    /// <param name="payload">The item's bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidCastException">The item holds a value of another type.</exception>
    T Deserialize<T>(byte[] payload);
}
