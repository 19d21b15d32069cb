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

    /// <summary>Deletes the queue of a name and all its data (C23).</summary>
    /// <param name="name">The queue's name.</param>
    /// <param name="allowMissing">Whether a missing queue is an answer rather than an error.</param>
    /// <returns>A task that completes when the queue is gone.</returns>
    /// <exception cref="QueueNotFoundException">No queue has that name and <paramref name="allowMissing"/> is not set.</exception>
    Task DeleteAsync(string name, bool allowMissing);

    /// <summary>The named queues, newest first (C24).</summary>
    /// <param name="maxObjects">The most queues to return.</param>
    /// <param name="createdBefore">Only queues created before this moment, if given.</param>
    /// <returns>The queues.</returns>
    Task<IReadOnlyList<QueueInfo>> ListAsync(int maxObjects, DateTimeOffset? createdBefore);
}
