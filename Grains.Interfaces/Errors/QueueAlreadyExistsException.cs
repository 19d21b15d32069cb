namespace OrleansQueue;

/// <summary>A queue with this name already exists in this environment (C23).</summary>
[GenerateSerializer, Alias("OrleansQueue.QueueAlreadyExistsException")]
public sealed class QueueAlreadyExistsException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue, the partition and the limit.</summary>
    /// <param name="message">What happened.</param>
    public QueueAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
