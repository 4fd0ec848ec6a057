using System.CommandLine;

var root = new RootCommand("agentrec: the AgentRec command line");
return await root.Parse(args).InvokeAsync();
