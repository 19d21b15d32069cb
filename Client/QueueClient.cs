using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansQueue.Grains;
using OrleansQueue.Serialization;

namespace OrleansQueue;

/// <summary>
/// Opens queues. Register it with <c>clientBuilder.AddOrleansQueues()</c> and take it from dependency injection.
/// </summary>
/// <example>
/// <code>
/// var queue = queues.FromName("jobs", createIfMissing: true);
/// await queue.PutAsync(new Job(42));
/// var job = await queue.GetAsync&lt;Job&gt;();
/// </code>
/// </example>
public sealed class QueueClient
{
    private readonly IGrainFactory grains;
    private readonly IQueueSerializer serializer;
    private readonly TimeSpan maxServerWait;
    private readonly TimeSpan failoverTimeout;
    private readonly string createdBy;

    /// <summary>Creates the client; dependency injection does this.</summary>
    /// <param name="grains">The Orleans client or silo's grain factory.</param>
    /// <param name="serializer">How values become item bytes.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="messaging">Orleans' messaging options, whose response timeout bounds each wait in the silo.</param>
    public QueueClient(
        IGrainFactory grains,
        IQueueSerializer serializer,
        IOptions<QueueClientOptions> options,
        IOptions<ClientMessagingOptions> messaging)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messaging);
        this.grains = grains;
        this.serializer = serializer;
        var responseTimeout = messaging.Value.ResponseTimeout;
        maxServerWait = options.Value.MaxServerWait ?? responseTimeout / 2;
        if (maxServerWait <= TimeSpan.Zero || maxServerWait >= responseTimeout)
        {
            throw new OptionsValidationException(
                nameof(QueueClientOptions.MaxServerWait),
                typeof(QueueClientOptions),
                [$"MaxServerWait ({maxServerWait}) must be positive and below Orleans' ResponseTimeout ({responseTimeout}), " +
                 "or every long wait would fail with a TimeoutException."]);
        }
        createdBy = options.Value.CreatedBy;
        failoverTimeout = options.Value.FailoverTimeout;
    }

    /// <summary>
    /// A handle on the queue of a name. Nothing is sent yet: the name is checked now (C1) and resolved to the queue's id on
    /// the first call, which throws <see cref="QueueNotFoundException"/> if there is no such queue and
    /// <paramref name="createIfMissing"/> is not set (C22).
    /// </summary>
    /// <param name="name">The queue's name: 1–64 characters of <c>[A-Za-z0-9._-]</c>.</param>
    /// <param name="createIfMissing">Whether the first call creates the queue when it does not exist.</param>
    /// <param name="environment">The environment the name belongs to.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentException">The name or the environment is not valid.</exception>
    /// <example>
    /// <code>
    /// var results = queues.FromName("results", createIfMissing: true, environment: "staging");
    /// </code>
    /// </example>
    public DistributedQueue FromName(string name, bool createIfMissing = false, string environment = QueueLimits.DefaultEnvironment)
    {
        QueueArguments.CheckName(name, nameof(name));
        QueueArguments.CheckName(environment, nameof(environment));
        var directory = grains.GetGrain<IQueueDirectoryGrain>(environment);
        return new DistributedQueue(
            this,
            $"queue '{name}' in environment '{environment}'",
            () => createIfMissing ? directory.CreateAsync(name, allowExisting: true, createdBy) : directory.LookupAsync(name));
    }

    /// <summary>A handle on a queue by its id, as <see cref="QueueInfo.Id"/> gives it; resolved on the first call.</summary>
    /// <param name="id">The queue's id (<c>qu-…</c>).</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentException">The text is not a queue id.</exception>
    /// <example>
    /// <code>
    /// var same = queues.FromId(info.Id);
    /// </code>
    /// </example>
    public DistributedQueue FromId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!QueueIds.IsWellFormed(id))
        {
            throw new ArgumentException($"'{id}' is not a queue id (they look like qu-…).", nameof(id));
        }

        return new DistributedQueue(this, $"queue {id}", () => grains.GetGrain<IQueueGrain>(id).GetInfoAsync());
    }

    /// <summary>Creates a queue under a name (C23).</summary>
    /// <param name="name">The queue's name: 1–64 characters of <c>[A-Za-z0-9._-]</c>.</param>
    /// <param name="allowExisting">Whether an existing queue of that name is returned rather than an error.</param>
    /// <param name="environment">The environment the name belongs to.</param>
    /// <param name="cancellationToken">Stops waiting for the answer; the queue may still be created.</param>
    /// <returns>A handle on the queue.</returns>
    /// <exception cref="QueueAlreadyExistsException">The name is taken and <paramref name="allowExisting"/> is not set.</exception>
    /// <example>
    /// <code>
    /// var queue = await queues.CreateAsync("jobs");
    /// </code>
    /// </example>
    public async Task<DistributedQueue> CreateAsync(
        string name,
        bool allowExisting = false,
        string environment = QueueLimits.DefaultEnvironment,
        CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckName(name, nameof(name));
        QueueArguments.CheckName(environment, nameof(environment));
        var info = await grains.GetGrain<IQueueDirectoryGrain>(environment)
            .CreateAsync(name, allowExisting, createdBy)
            .WaitAsync(cancellationToken);
        return new DistributedQueue(this, $"queue '{name}' in environment '{environment}'", () => Task.FromResult(info));
    }

    /// <summary>Deletes a named queue and all its data; calls waiting on it end with <see cref="QueueNotFoundException"/> (C23).</summary>
    /// <param name="name">The queue's name.</param>
    /// <param name="allowMissing">Whether a missing queue is fine rather than an error.</param>
    /// <param name="environment">The environment the name belongs to.</param>
    /// <param name="cancellationToken">Stops waiting for the answer; the queue may still be deleted.</param>
    /// <returns>A task that completes when the queue is gone.</returns>
    /// <exception cref="QueueNotFoundException">No queue has that name and <paramref name="allowMissing"/> is not set.</exception>
    /// <example>
    /// <code>
    /// await queues.DeleteAsync("jobs", allowMissing: true);
    /// </code>
    /// </example>
    public Task DeleteAsync(
        string name,
        bool allowMissing = false,
        string environment = QueueLimits.DefaultEnvironment,
        CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckName(name, nameof(name));
        QueueArguments.CheckName(environment, nameof(environment));
        return grains.GetGrain<IQueueDirectoryGrain>(environment).DeleteAsync(name, allowMissing).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The named queues of an environment, newest first, each with its live partition count and total item count (C24).
    /// </summary>
    /// <param name="maxObjects">The most queues to list; <c>null</c> lists all.</param>
    /// <param name="createdBefore">Only queues created before this moment, for paging through a long list.</param>
    /// <param name="environment">The environment to list.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The queues, as they are counted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxObjects"/> is below 1.</exception>
    /// <example>
    /// <code>
    /// await foreach (var queue in queues.ListAsync(maxObjects: 20))
    ///     Console.WriteLine($"{queue.Info.Name}: {queue.TotalItems} items in {queue.LivePartitions} partitions");
    /// </code>
    /// </example>
    public async IAsyncEnumerable<QueueSummary> ListAsync(
        int? maxObjects = null,
        DateTimeOffset? createdBefore = null,
        string environment = QueueLimits.DefaultEnvironment,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxObjects < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxObjects), maxObjects, "List at least one queue, or pass null for all.");
        }

        QueueArguments.CheckName(environment, nameof(environment));
        var named = await grains.GetGrain<IQueueDirectoryGrain>(environment)
            .ListAsync(maxObjects ?? int.MaxValue, createdBefore)
            .WaitAsync(cancellationToken);
        foreach (var info in named)
        {
            QueueSummary summary;
            try
            {
                summary = await grains.GetGrain<IQueueGrain>(info.Id).GetSummaryAsync().WaitAsync(cancellationToken);
            }
            catch (QueueNotFoundException)
            {
                // Deleted since the directory answered.
                continue;
            }

            yield return summary;
        }
    }

    /// <summary>
    /// Creates an anonymous queue that lives as long as the returned handle (C25). Other processes reach it through
    /// <see cref="FromId"/> with its id. Disposing the handle deletes the queue; if this process dies instead, its
    /// heartbeats stop and the silo deletes the queue after a grace period, so nothing leaks.
    /// </summary>
    /// <param name="environment">The environment recorded for the queue.</param>
    /// <param name="cancellationToken">Stops waiting for the queue to be created.</param>
    /// <returns>The handle, which owns the queue.</returns>
    /// <example>
    /// <code>
    /// await using var replies = await queues.EphemeralAsync();
    /// var id = (await replies.InfoAsync()).Id;   // hand this to the process that answers
    /// var reply = await replies.GetAsync&lt;string&gt;(timeout: TimeSpan.FromSeconds(10));
    /// </code>
    /// </example>
    public async Task<DistributedQueue> EphemeralAsync(
        string environment = QueueLimits.DefaultEnvironment,
        CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckName(environment, nameof(environment));
        var info = new QueueInfo(QueueIds.New(), null, environment, DateTimeOffset.UtcNow, createdBy);
        var queue = grains.GetGrain<IQueueGrain>(info.Id);
        await queue.InitializeAsync(info).WaitAsync(cancellationToken);
        var interval = await queue.HeartbeatAsync().WaitAsync(cancellationToken);
        return new DistributedQueue(this, $"ephemeral queue {info.Id}", () => Task.FromResult(info), new EphemeralLease(queue, interval));
    }

    internal IGrainFactory Grains => grains;

    internal IQueueSerializer Serializer => serializer;

    internal TimeSpan MaxServerWait => maxServerWait;

    internal TimeSpan FailoverTimeout => failoverTimeout;
}
