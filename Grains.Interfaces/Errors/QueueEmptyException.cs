namespace OrleansQueue;

/// <summary>A get found no item: the partition was empty and stayed empty for the whole wait (C13, C14).</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueEmptyException")]
public sealed class QueueEmptyException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueEmptyException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue, the partition and the limit.</summary>
    /// <param name="message">What happened.</param>
    public QueueEmptyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
