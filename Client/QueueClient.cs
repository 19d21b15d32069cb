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
        if (!id.StartsWith("qu-", StringComparison.Ordinal) || id.Length > 64 || id.Contains('/', StringComparison.Ordinal))
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

    internal IGrainFactory Grains => grains;

    internal IQueueSerializer Serializer => serializer;

    internal TimeSpan MaxServerWait => maxServerWait;
}
