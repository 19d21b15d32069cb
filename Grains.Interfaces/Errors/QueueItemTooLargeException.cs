namespace OrleansQueue;

/// <summary>A serialized item is larger than the item limit of 1 MiB (C3).</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueItemTooLargeException")]
public sealed class QueueItemTooLargeException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueItemTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue, the partition and the limit.</summary>
    /// <param name="message">What happened.</param>
    public QueueItemTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueItemTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
