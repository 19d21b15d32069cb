using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansQueue.Serialization;

namespace OrleansQueue.Hosting;

/// <summary>Adds the queue API to an Orleans client, or to any service collection that has a grain factory.</summary>
public static class QueueClientBuilderExtensions
{
    /// <summary>Registers <see cref="QueueClient"/>, its options (section <c>OrleansQueue:Client</c>) and the default serializer.</summary>
    /// <param name="builder">The Orleans client.</param>
    /// <param name="configure">Changes to the options after configuration is read.</param>
    /// <returns>The client builder.</returns>
    /// <example>
    /// <code>
    /// builder.UseOrleansClient(client => client.UseLocalhostClustering().AddOrleansQueues());
    /// </code>
    /// </example>
    public static IClientBuilder AddOrleansQueues(this IClientBuilder builder, Action<QueueClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOrleansQueueClient(configure);
        return builder;
    }

    /// <summary>Registers <see cref="QueueClient"/> where a grain factory is already registered, for example inside a silo.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes to the options after configuration is read.</param>
    /// <returns>The services.</returns>
    /// <example>
    /// <code>
    /// services.AddOrleansQueueClient(options => options.MaxServerWait = TimeSpan.FromSeconds(10));
    /// </code>
    /// </example>
    public static IServiceCollection AddOrleansQueueClient(this IServiceCollection services, Action<QueueClientOptions>? configure = null)
    {
        var options = services.AddOptions<QueueClientOptions>().BindConfiguration(QueueClientOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IQueueSerializer, OrleansQueueSerializer>();
        services.TryAddSingleton<QueueClient>();
        return services;
    }
}
