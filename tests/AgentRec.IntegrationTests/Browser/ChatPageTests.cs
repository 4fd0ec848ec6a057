using System.Net.Sockets;
using AgentRec.Core.Explanation;
using AgentRec.IntegrationTests.Fakes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Playwright;

namespace AgentRec.IntegrationTests.Browser;

/// <summary>The chat page in a real browser, used as a person would: typing, reading, clicking.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatPageTests(BrowserFixture browser, AgentRecAppFactory app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Request_shows_chips_then_cards_then_the_explanation()
    {
        var page = await browser.NewPageAsync();
        await RecordArrivalOrderAsync(page);
        await OpenAsync(page, app.BaseAddress);

        await page.Locator("#message").FillAsync("recommend 4 highly rated sci-fi films from the 90s, nothing like horror");
        await page.Locator("#message").PressAsync("Enter");
        var turn = page.Locator(".turn").Last;
        await Assertions.Expect(turn).ToHaveAttributeAsync("data-state", "done", new() { Timeout = (float)Wait.TotalMilliseconds });
        await browser.ScreenshotAsync(page, "chat-answer");

        var chips = await turn.Locator(".chip").AllTextContentsAsync();
        Assert.Contains("Sci-Fi", chips);
        Assert.Contains("no Horror", chips);
        Assert.Contains("1990–1999", chips);
        Assert.Equal(4, await turn.Locator(".card").CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await turn.Locator(".explanation").TextContentAsync()));
        var order = await page.EvaluateAsync<string[]>("() => window.__arrivals");
        Assert.Equal(["chip", "card", "explanation"], order);
    }

    [Fact]
    public async Task Shift_enter_adds_a_line_instead_of_sending()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, app.BaseAddress);

        await page.Locator("#message").FillAsync("two comedies");
        await page.Locator("#message").PressAsync("Shift+Enter");

        Assert.Equal(0, await page.Locator(".turn").CountAsync());
        Assert.Contains("\n", await page.Locator("#message").InputValueAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liking_items_changes_the_next_answer()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, app.BaseAddress);
        var first = await AskAsync(page, "recommend 5 movies");
        var firstTitles = await first.Locator(".card .title").AllTextContentsAsync();

        for (var i = 0; i < 3; i++)
        {
            var like = first.Locator(".card").Nth(i).Locator("button[data-signal=like]");
            await like.ClickAsync();
            await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        }

        var second = await AskAsync(page, "recommend 5 movies");
        var secondTitles = await second.Locator(".card .title").AllTextContentsAsync();
        await browser.ScreenshotAsync(page, "chat-after-likes");

        Assert.NotEqual(firstTitles, secondTitles);
        Assert.DoesNotContain(firstTitles[0], secondTitles);
    }

    [Fact]
    public async Task Card_action_icons_are_drawn_not_missing_glyph_boxes()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, app.BaseAddress);
        var card = (await AskAsync(page, "recommend 2 comedies")).Locator(".card").First;
        var title = await card.Locator(".title").TextContentAsync();
        await browser.ScreenshotAsync(page, "chat-action-icons");

        foreach (var (signal, label) in new[] { ("like", "Like"), ("dislike", "Dislike"), ("watched", "Seen") })
        {
            var button = card.Locator($"button[data-signal={signal}]");
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-label", $"{label}: {title}");
            var icon = button.Locator(".icon");
            var box = await icon.BoundingBoxAsync();
            Assert.True(box is { Width: > 0, Height: > 0 }, $"the {signal} button has no visible icon");

            var drawn = await icon.ScreenshotAsync();
            var missing = await MissingGlyphScreenshotAsync(button);
            var ink = await page.EvaluateAsync<InkComparison>(CompareInkScript, new[] { Convert.ToBase64String(drawn), Convert.ToBase64String(missing) });

            Assert.True(ink.IconInk > 0, $"the {signal} icon draws nothing");
            Assert.True(ink.MissingGlyphInk > 0, "the missing-glyph reference draws nothing, so it cannot tell a box from an icon");
            Assert.True(ink.Similarity < 0.9, $"the {signal} icon renders as a missing-glyph box (similarity {ink.Similarity:0.00})");
        }
    }

    [Fact]
    public async Task Chinese_request_renders_Chinese_text_on_a_phone_sized_screen()
    {
        var page = await browser.NewPageAsync(390, 844);
        await OpenAsync(page, app.BaseAddress);

        var turn = await AskAsync(page, "推荐三部评分高的科幻电影");
        await browser.ScreenshotAsync(page, "chat-chinese-phone");

        Assert.Contains("科幻", await turn.Locator(".explanation").TextContentAsync(), StringComparison.Ordinal);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px screen");
    }

    [Fact]
    public async Task Catalog_text_with_markup_is_shown_as_text()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-xss-").FullName;
        File.WriteAllText(Path.Combine(folder, "movies.csv"),
            "movieId,title,genres\n" +
            "1,\"<script>window.__xss=1</script> (2001)\",Comedy\n" +
            "2,\"<img src=x onerror=\"\"window.__xss=2\"\"> (2002)\",Comedy\n" +
            "3,Plain Comedy (2003),Comedy\n");
        File.WriteAllText(Path.Combine(folder, "ratings.csv"),
            "userId,movieId,rating,timestamp\n1,1,5,1\n2,1,5,2\n1,2,4,3\n2,2,4,4\n1,3,3,5\n");
        using var hostile = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Catalog:MovieLensPath", folder);
            b.UseSetting("Catalog:IncludeBooks", "false");
            // Three movies rated twice each: under the default evidence floor, which is not what this test is about.
            b.UseSetting("Pipeline:MinMovieRatings", "0");
        });
        var page = await browser.NewPageAsync();
        await OpenAsync(page, hostile.BaseAddress);

        var turn = await AskAsync(page, "three comedies");
        await browser.ScreenshotAsync(page, "chat-markup-as-text");

        var titles = await turn.Locator(".card .title").AllTextContentsAsync();
        Assert.Contains("<script>window.__xss=1</script>", titles);
        Assert.Contains("<img src=x onerror=\"window.__xss=2\">", titles);
        Assert.Equal(0, await page.Locator(".card img, .card script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Server_killed_mid_answer_shows_the_error_and_the_page_reconnects_after_restart()
    {
        var port = FreePort();
        var state = Directory.CreateTempSubdirectory("agentrec-restart-").FullName;
        Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> slow = b => b.ConfigureTestServices(s => s.AddSingleton<IExplainer, FakeSlowExplainer>());
        var page = await browser.NewPageAsync();
        var first = AgentRecAppFactory.Start(port, state, slow);
        try
        {
            await OpenAsync(page, first.BaseAddress);
            await page.Locator("#message").FillAsync("recommend 3 comedies");
            await page.Locator("#message").PressAsync("Enter");
            var turn = page.Locator(".turn").Last;
            await Assertions.Expect(turn.Locator(".explanation")).Not.ToBeEmptyAsync(new() { Timeout = (float)Wait.TotalMilliseconds });

            first.Dispose();

            await Assertions.Expect(turn).ToHaveAttributeAsync("data-state", "error", new() { Timeout = (float)Wait.TotalMilliseconds });
            await Assertions.Expect(turn.Locator(".error")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#status")).Not.ToHaveAttributeAsync("data-state", "connected");
            await browser.ScreenshotAsync(page, "chat-server-killed");
        }
        finally
        {
            first.Dispose();
        }

        using var second = AgentRecAppFactory.Start(port, state, null);
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 60_000 });
        var again = await AskAsync(page, "recommend 2 dramas");
        await browser.ScreenshotAsync(page, "chat-reconnected");
        Assert.Equal(2, await again.Locator(".card").CountAsync());
        Directory.Delete(state, recursive: true);
    }

    private static async Task OpenAsync(IPage page, Uri address)
    {
        await page.GotoAsync(address.ToString());
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = (float)Wait.TotalMilliseconds });
    }

    private static async Task<ILocator> AskAsync(IPage page, string message)
    {
        var before = await page.Locator(".turn").CountAsync();
        await page.Locator("#message").FillAsync(message);
        await page.Locator("#message").PressAsync("Enter");
        var turn = page.Locator(".turn").Nth(before);
        await Assertions.Expect(turn).ToHaveAttributeAsync("data-state", "done", new() { Timeout = (float)Wait.TotalMilliseconds });
        return turn;
    }

    /// <summary>
    /// What a character no installed font has looks like in the button's own font and size: U+10FFFD is a private-use
    /// code point, so the browser draws its missing-glyph box, as it does for an emoji where no emoji font is installed.
    /// </summary>
    private static async Task<byte[]> MissingGlyphScreenshotAsync(ILocator button)
    {
        await button.EvaluateAsync("b => { const s = document.createElement('span'); s.className = 'missing-glyph-probe'; s.textContent = '\\u{10FFFD}'; b.appendChild(s); }");
        var probe = button.Locator(".missing-glyph-probe");
        var png = await probe.ScreenshotAsync();
        await probe.EvaluateAsync("s => s.remove()");
        return png;
    }

    /// <summary>What <see cref="CompareInkScript"/> returns (Playwright fills it through its setters).</summary>
    private sealed class InkComparison
    {
        public int IconInk { get; set; }

        public int MissingGlyphInk { get; set; }

        public double Similarity { get; set; }
    }

    /// <summary>
    /// Decodes two PNG screenshots, marks as ink every pixel that differs clearly from the most common (background)
    /// colour, crops each to its ink, and returns the ink counts and how alike the two cropped shapes are: the smaller
    /// of the two shares of ink lying within a pixel of the other's ink (0 when their sizes differ by more than a pixel).
    /// </summary>
    private const string CompareInkScript =
        """
        async ([icon, missing]) => {
          const mask = async b64 => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + b64;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const g = canvas.getContext('2d');
            g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, img.width, img.height).data;
            const counts = new Map();
            for (let i = 0; i < d.length; i += 4) { const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2]; counts.set(k, (counts.get(k) || 0) + 1); }
            const bg = [...counts].sort((a, b) => b[1] - a[1])[0][0];
            const br = bg >> 16, bgG = (bg >> 8) & 255, bb = bg & 255;
            let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1, ink = 0;
            const on = new Uint8Array(img.width * img.height);
            for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
              const i = (y * img.width + x) * 4;
              if (Math.max(Math.abs(d[i] - br), Math.abs(d[i + 1] - bgG), Math.abs(d[i + 2] - bb)) > 64) {
                on[y * img.width + x] = 1; ink++;
                x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
              }
            }
            return { ink, w: x1 - x0 + 1, h: y1 - y0 + 1, at: (x, y) => on[(y0 + y) * img.width + x0 + x] === 1 };
          };
          const a = await mask(icon), b = await mask(missing);
          // Anti-aliasing moves thin strokes by a pixel between two renderings of one glyph, so ink counts as
          // matched when the other shape has ink within one pixel of it.
          const near = (m, x, y) => {
            for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
              const u = x + dx, v = y + dy;
              if (u >= 0 && v >= 0 && u < m.w && v < m.h && m.at(u, v)) return true;
            }
            return false;
          };
          const matched = (m, other) => {
            let hits = 0;
            for (let y = 0; y < m.h; y++) for (let x = 0; x < m.w; x++) if (m.at(x, y) && near(other, x, y)) hits++;
            return hits / m.ink;
          };
          let similarity = 0;
          if (a.ink > 0 && b.ink > 0 && Math.abs(a.w - b.w) <= 1 && Math.abs(a.h - b.h) <= 1) {
            similarity = Math.min(matched(a, b), matched(b, a));
          }
          return { iconInk: a.ink, missingGlyphInk: b.ink, similarity };
        }
        """;

    /// <summary>Records in window.__arrivals the order in which chips, cards and explanation text first appear.</summary>
    private static Task RecordArrivalOrderAsync(IPage page) => page.AddInitScriptAsync(
        """
        window.__arrivals = [];
        const note = kind => { if (!window.__arrivals.includes(kind)) window.__arrivals.push(kind); };
        new MutationObserver(records => {
          for (const r of records) {
            const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            if (!el) continue;
            if (el.classList.contains('chips') && r.addedNodes.length) note('chip');
            if (el.classList.contains('cards') && r.addedNodes.length) note('card');
            if (el.classList.contains('explanation')) note('explanation');
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
