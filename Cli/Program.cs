using System.CommandLine;
using OrleansQueue.Cli;
using OrleansQueue.Cli.Commands;

var root = new RootCommand(
    "oq: look into OrleansQueue queues and act on them from a terminal.\n" +
    "Exit codes: 0 success, 1 bad input or refused, 2 queue not found, 3 no item (empty or timed out).\n" +
    "Example: oq queue list");
foreach (var option in ConnectionOptions.All)
{
    root.Options.Add(option);
}

root.Subcommands.Add(QueueCommands.Create());
root.Subcommands.Add(ItemCommands.Put());
root.Subcommands.Add(ItemCommands.Get());
return await root.Parse(args).InvokeAsync();
