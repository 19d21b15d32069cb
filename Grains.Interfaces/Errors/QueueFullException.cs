namespace OrleansQueue;

/// <summary>A put found no room: the partition was full for the whole wait (C12), or the queue already holds its limit of live partitions (C5).</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueFullException")]
public sealed class QueueFullException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueFullException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue, the partition and the limit.</summary>
    /// <param name="message">What happened.</param>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
