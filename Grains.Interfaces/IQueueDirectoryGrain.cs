namespace OrleansQueue.Grains;

/// <summary>The names of the queues of one environment (key: the environment's name).</summary>
public interface IQueueDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Creates a queue under a name, or returns the existing one when <paramref name="allowExisting"/> is set.</summary>
    /// <param name="name">The queue's name.</param>
    /// <param name="allowExisting">Whether an existing queue of that name is an answer rather than an error.</param>
    /// <param name="createdBy">The machine and user of the creating client.</param>
    /// <returns>The queue.</returns>
    /// <exception cref="QueueAlreadyExistsException">The name is taken and <paramref name="allowExisting"/> is not set.</exception>
    Task<QueueInfo> CreateAsync(string name, bool allowExisting, string createdBy);

    /// <summary>Finds the queue of a name.</summary>
    /// <param name="name">The queue's name.</param>
    /// <returns>The queue.</returns>
    /// <exception cref="QueueNotFoundException">No queue has that name.</exception>
    Task<QueueInfo> LookupAsync(string name);
}
