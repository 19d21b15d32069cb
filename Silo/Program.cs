using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Hosting;
using OrleansQueue.Silo;

// Configuration comes from appsettings.json, then OQ_-prefixed environment variables (OQ_Silo__GatewayPort=30001),
// then the command line (--Silo:GatewayPort=30001, --storage azure, --dashboard): the last one wins.
args = [.. args.Select(argument => argument == "--dashboard" ? "--Silo:Dashboard=true" : argument)];
var settings = AddSources(new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))
    .Build().GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
var durable = IsChoice(settings.Storage, "memory", "azure", nameof(settings.Storage));
var sharedClustering = IsChoice(settings.Clustering, "localhost", "azure", nameof(settings.Clustering));

// Only a silo with the dashboard is a web server; the others open no HTTP port.
IHostApplicationBuilder builder = settings.Dashboard
    ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory })
    : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
AddSources(builder.Configuration);

builder.UseOrleans(silo =>
{
    var tables = new TableServiceClient(settings.AzureStorage);
    if (sharedClustering)
    {
        silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort)
            .UseAzureStorageClustering(options => options.TableServiceClient = tables);
    }
    else
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
    }

    if (durable)
    {
        silo.UseAzureQueueStorage(new BlobServiceClient(settings.AzureStorage), tables);
    }
    else
    {
        silo.UseInMemoryQueueStorage();
    }

    silo.AddOrleansQueues();
    if (settings.Dashboard)
    {
        silo.AddDashboard();
    }
});
builder.AddMetricsExport(settings);

using var host = settings.Dashboard ? BuildWebHost((WebApplicationBuilder)builder) : ((HostApplicationBuilder)builder).Build();
await host.StartAsync();
var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansQueue.Silo");
log.Ready(settings.GatewayPort, settings.ClusterId, settings.ServiceId, durable ? "Azure Storage" : "in-memory");
if (settings.Dashboard)
{
    log.DashboardReady(settings.DashboardPort);
}

await host.WaitForShutdownAsync();

IConfigurationBuilder AddSources(IConfigurationBuilder configuration) => configuration
    .AddEnvironmentVariables("OQ_")
    .AddCommandLine(args, new Dictionary<string, string> { ["--storage"] = "Silo:Storage", ["--clustering"] = "Silo:Clustering" });

// The queue page at /, the Orleans Dashboard under /dashboard, on loopback only: neither asks who is looking.
IHost BuildWebHost(WebApplicationBuilder web)
{
    web.WebHost.UseUrls($"http://127.0.0.1:{settings.DashboardPort}");
    web.Services.AddOrleansQueueClient();
    var app = web.Build();
    app.MapOrleansDashboard("/dashboard");
    app.MapQueuePage();
    return app;
}

// A setting with two values: whether it names the alternative; anything but the two is a mistake worth stopping for.
static bool IsChoice(string value, string standard, string alternative, string setting) =>
    value.Equals(alternative, StringComparison.OrdinalIgnoreCase)
    || (value.Equals(standard, StringComparison.OrdinalIgnoreCase)
        ? false
        : throw new ArgumentException($"Silo:{setting} is '{value}'; use '{standard}' (the default) or '{alternative}'."));
