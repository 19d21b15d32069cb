namespace OrleansQueue;

/// <summary>
/// The storage behind one partition failed or holds a record that cannot be read (C35). Other partitions are not
/// affected; a failed write is retryable, since the partition reloads from storage on the next call.
/// </summary>
/// <remarks>
/// The silo logs the storage error and sends its message only: a client cannot read an exception of a storage SDK it
/// does not reference, and such a response would be lost, leaving the call to time out.
/// </remarks>
[GenerateSerializer, Alias("OrleansQueue.QueueStorageException")]
public sealed class QueueStorageException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueueStorageException()
    {
    }

    /// <summary>Creates the exception with a message that names the queue and the partition.</summary>
    /// <param name="message">What happened.</param>
    public QueueStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the storage error that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
