using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Explanation;
using AgentRec.Core.Hosting;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using AgentRec.Core.Personalization;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;
using AgentRec.UnitTests.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Explanation;

[Collection(TestModelsCollection.Name)]
public sealed class LlmExplainerTests(TestModels models)
{
    private static readonly CatalogItem Heat = new("6", "Heat", "Heat", 1995, ["Action", "Crime", "Thriller"], ["heist", "Al Pacino"], "", 102, 3.9, ItemDomain.Movie);
    private static readonly CatalogItem Ronin = new("2058", "Ronin", "Ronin", 1998, ["Action", "Crime", "Thriller"], ["heist"], "", 58, 3.6, ItemDomain.Movie);

    private static readonly ExplanationContext Context = new(
        "two crime thrillers like a heist",
        new RecommendationIntent { Genres = ["Crime"], Count = 2, Keywords = ["heist"] },
        [new ScoredCandidate(Heat, 0, 1), new ScoredCandidate(Ronin, 1, 1)],
        UserContext.Anonymous,
        Language.English);

    private static readonly ChatPrompt Prompt = ChatPrompt.Load(ChatPrompt.Locate(LlmExplainer.PromptRelativePath));

    private static LlmExplainer Explainer(Microsoft.Extensions.AI.IChatClient client) =>
        new(client, Prompt, null, new TemplateExplainer(), NullLogger<LlmExplainer>.Instance);

    private static async Task<string> Explain(LlmExplainer explainer, ExplanationContext context, CancellationToken cancellationToken = default)
    {
        var text = "";
        await foreach (var fragment in explainer.ExplainAsync(context, cancellationToken))
        {
            text += fragment;
        }

        return text;
    }

    [Fact]
    public async Task Supported_sentences_are_streamed_as_written()
    {
        const string answer = "Heat (1995) is a Crime thriller tagged heist, rated 3.9/5 by 102 people. Ronin (1998) also has the heist tag.";

        var text = await Explain(Explainer(new FakeChatClient(answer)), Context);

        Assert.Equal(answer, text);
    }

    [Fact]
    public async Task A_sentence_with_an_invented_year_ends_the_answer_after_the_checked_sentences()
    {
        var text = await Explain(Explainer(new FakeChatClient("Heat (1995) is tagged heist. Ronin came out in 2001. Both are Crime films.")), Context);

        Assert.Equal("Heat (1995) is tagged heist.", text);
    }

    [Theory]
    [InlineData("You will love \"The Godfather\" too. Heat (1995) is tagged heist.")]
    [InlineData("Heat (1997) is a Crime film.")]
    [InlineData("Heat is a Romance classic.")]
    [InlineData("These are great picks. Enjoy them!")]
    public async Task An_unsupported_or_factless_answer_falls_back_to_the_template(string answer)
    {
        var text = await Explain(Explainer(new FakeChatClient(answer)), Context);

        Assert.Equal(TemplateExplainer.Render(Context), text);
    }

    [Fact]
    public async Task Chinese_sentences_with_listed_titles_pass()
    {
        var context = Context with { Language = Language.Chinese };
        const string answer = "《Heat (1995)》是犯罪片，标签有heist。《Ronin (1998)》有 58 人评分。";

        var text = await Explain(Explainer(new FakeChatClient(answer)), context);

        Assert.Equal(answer, text);
    }

    [Fact]
    public async Task The_prompt_lists_the_facts_and_the_language()
    {
        var client = new FakeChatClient("Heat (1995) is tagged heist.");

        await Explain(Explainer(client), Context);

        var user = client.LastMessages[^1].Text;
        Assert.Contains("- Heat (1995): Action, Crime, Thriller; rated 3.9/5 by 102 people; tagged heist, Al Pacino", user, StringComparison.Ordinal);
        Assert.Contains("English", client.LastMessages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facts_state_a_genre_constraint_only_for_items_listed_under_it()
    {
        var book = new CatalogItem("book-9", "The Mystery Shelf", "The Mystery Shelf", 2001, [], [], "", 10, 4, ItemDomain.Book);
        var books = Context with { Intent = new RecommendationIntent { Domain = IntentDomains.Book, Genres = ["Mystery"], Count = 1 }, Items = [new ScoredCandidate(book, 0, 1)] };

        Assert.Contains("Every item has the genres: Crime.", ExplanationFacts.Gather(Context).ToPromptText(), StringComparison.Ordinal);
        var text = ExplanationFacts.Gather(books).ToPromptText();
        Assert.DoesNotContain("Every item has the genres", text, StringComparison.Ordinal);
        Assert.Contains("The catalog lists no genres for these items; they were matched by text to: Mystery.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_generation()
    {
        var client = new FakeChatClient("Heat (1995) is tagged heist. ") { Endless = true };
        using var cts = new CancellationTokenSource();
        var explainer = Explainer(client);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in explainer.ExplainAsync(Context, cts.Token))
            {
                await cts.CancelAsync();
            }
        });
        var streamed = client.ChunksStreamed;
        Assert.InRange(streamed, 1, 40);
    }

    [Fact]
    public async Task With_the_tiny_model_every_emitted_sentence_is_grounded_or_the_template_answers()
    {
        using var client = new OnnxGenAIChatClient(models.Llama);
        var explainer = new LlmExplainer(client, Prompt, null, new TemplateExplainer(), NullLogger<LlmExplainer>.Instance, seed: 5);

        var text = await Explain(explainer, Context);

        var guard = new LlmGroundingGuard(ExplanationFacts.Gather(Context));
        var sentences = new System.Text.StringBuilder(text);
        Assert.True(text == TemplateExplainer.Render(Context) || AllSupported(guard, sentences), text);
    }

    [Fact]
    public async Task Llm_explainer_without_a_model_stops_start_up_naming_the_keys()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Explainer"] = "llm" });
        builder.Services.AddOptions<PipelineOptions>().Bind(builder.Configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLogging();
        builder.AddLocalLlm();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Pipeline:Explainer", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:ModelPath", error.Message, StringComparison.Ordinal);
    }

    private static bool AllSupported(LlmGroundingGuard guard, System.Text.StringBuilder buffer)
    {
        while (LlmExplainer.TakeSentence(buffer, flush: true) is { } sentence)
        {
            if (guard.Check(sentence) != GroundingVerdict.Supported)
            {
                return false;
            }
        }

        return true;
    }
}
