using System.Collections.Frozen;
using AgentRec.Core.Contracts;

namespace AgentRec.Core.Intent;

/// <summary>
/// The vocabularies of the rule parser: genre synonyms in English and Chinese mapped to the catalog's MovieLens
/// genre names, topic words, number words, and the Chinese names of well-known films.
/// </summary>
internal static class IntentLexicon
{
    private const string Action = "Action";
    private const string Adventure = "Adventure";
    private const string Animation = "Animation";
    private const string Children = "Children";
    private const string Comedy = "Comedy";
    private const string Crime = "Crime";
    private const string Documentary = "Documentary";
    private const string Drama = "Drama";
    private const string Fantasy = "Fantasy";
    private const string FilmNoir = "Film-Noir";
    private const string Horror = "Horror";
    private const string Imax = "IMAX";
    private const string Musical = "Musical";
    private const string Mystery = "Mystery";
    private const string Romance = "Romance";
    private const string SciFi = "Sci-Fi";
    private const string Thriller = "Thriller";
    private const string War = "War";
    private const string Western = "Western";

    /// <summary>The MovieLens genre names, in catalog spelling.</summary>
    public static IReadOnlyList<string> Genres => IntentGenres.All;

    /// <summary>
    /// English genre words, keyed by their tokens joined without spaces, hyphens or apostrophes ("sci-fi", "sci fi",
    /// "scifi" are all "scifi"). An empty array shadows a phrase that only looks like a genre ("star wars").
    /// </summary>
    public static FrozenDictionary<string, string[]> EnglishGenres { get; } = BuildEnglish();

    /// <summary>Chinese genre words, matched as substrings, longest first.</summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>> ChineseGenres { get; } = BuildChinese();

    /// <summary>Topics that are not genres, as users write them, mapped to the keyword they stand for.</summary>
    public static FrozenDictionary<string, string> EnglishTopics { get; } = new Dictionary<string, string>
    {
        ["time travel"] = "time travel", ["time-travel"] = "time travel", ["time traveling"] = "time travel",
        ["time travelling"] = "time travel", ["heist"] = "heist", ["heists"] = "heist", ["robbery"] = "heist",
        ["bank robbery"] = "heist", ["space"] = "space", ["outer space"] = "space", ["aliens"] = "aliens",
        ["alien invasion"] = "alien invasion", ["zombie"] = "zombies", ["zombies"] = "zombies", ["vampire"] = "vampires",
        ["vampires"] = "vampires", ["werewolves"] = "werewolves", ["werewolf"] = "werewolves", ["robot"] = "robots",
        ["robots"] = "robots", ["superhero"] = "superheroes", ["superheroes"] = "superheroes", ["super hero"] = "superheroes",
        ["dinosaur"] = "dinosaurs", ["dinosaurs"] = "dinosaurs", ["serial killer"] = "serial killer",
        ["serial killers"] = "serial killer", ["dystopia"] = "dystopia", ["dystopian"] = "dystopia",
        ["post-apocalyptic"] = "post-apocalyptic", ["apocalypse"] = "apocalypse", ["martial arts"] = "martial arts",
        ["kung fu"] = "martial arts", ["spy"] = "spy", ["spies"] = "spy", ["espionage"] = "spy", ["pirate"] = "pirates",
        ["pirates"] = "pirates", ["ghost"] = "ghosts", ["ghosts"] = "ghosts", ["magic"] = "magic", ["dragons"] = "dragons",
        ["dragon"] = "dragons", ["cyberpunk"] = "cyberpunk", ["artificial intelligence"] = "artificial intelligence",
        ["virtual reality"] = "virtual reality", ["prison"] = "prison", ["high school"] = "high school",
        ["coming of age"] = "coming of age", ["coming-of-age"] = "coming of age", ["road trip"] = "road trip",
        ["sports"] = "sports", ["boxing"] = "boxing", ["football"] = "football", ["baseball"] = "baseball",
        ["basketball"] = "basketball", ["samurai"] = "samurai", ["revenge"] = "revenge", ["twist ending"] = "twist ending",
        ["plot twist"] = "twist ending", ["plot twists"] = "twist ending", ["mind-bending"] = "mind-bending",
        ["mind bending"] = "mind-bending", ["courtroom"] = "courtroom", ["politics"] = "politics", ["political"] = "politics",
        ["biopic"] = "biography", ["biography"] = "biography", ["true story"] = "true story", ["true stories"] = "true story",
        ["christmas"] = "christmas", ["halloween"] = "halloween", ["survival"] = "survival", ["disaster"] = "disaster",
        ["monster"] = "monsters", ["monsters"] = "monsters", ["shark"] = "sharks", ["sharks"] = "sharks", ["dog"] = "dogs",
        ["dogs"] = "dogs", ["cat"] = "cats", ["cats"] = "cats", ["detective"] = "detective", ["detectives"] = "detective",
        ["witches"] = "witches", ["witch"] = "witches", ["assassin"] = "assassins", ["assassins"] = "assassins",
        ["hacker"] = "hackers", ["hackers"] = "hackers", ["cars"] = "cars", ["racing"] = "racing", ["car chases"] = "car chases",
        ["friendship"] = "friendship", ["music"] = "music", ["dance"] = "dance", ["dancing"] = "dance", ["cooking"] = "cooking",
        ["food"] = "food", ["nature"] = "nature", ["animals"] = "animals", ["mars"] = "mars", ["the moon"] = "moon",
        ["astronauts"] = "astronauts", ["wizards"] = "wizards", ["slasher"] = "slasher", ["psychological"] = "psychological",
        ["gore"] = "gore", ["gory"] = "gore", ["feel-good"] = "feel-good", ["feel good"] = "feel-good",
        ["world war ii"] = "world war ii", ["world war 2"] = "world war ii", ["vietnam"] = "vietnam war",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Chinese topics mapped to the English keyword.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ChineseTopics { get; } =
    [
        new("时间旅行", "time travel"), new("时空穿越", "time travel"), new("穿越时空", "time travel"), new("穿越", "time travel"),
        new("抢劫", "heist"), new("盗窃", "heist"), new("太空", "space"), new("宇宙", "space"), new("外星人", "aliens"),
        new("僵尸", "zombies"), new("丧尸", "zombies"), new("吸血鬼", "vampires"), new("机器人", "robots"),
        new("超级英雄", "superheroes"), new("恐龙", "dinosaurs"), new("连环杀手", "serial killer"), new("人工智能", "artificial intelligence"),
        new("末日", "apocalypse"), new("间谍", "spy"), new("特工", "spy"), new("监狱", "prison"), new("复仇", "revenge"),
        new("反转", "twist ending"), new("真实故事", "true story"), new("真实事件", "true story"), new("赛车", "racing"),
        new("体育", "sports"), new("拳击", "boxing"), new("足球", "football"), new("海盗", "pirates"), new("魔法", "magic"),
        new("侦探", "detective"), new("烧脑", "mind-bending"), new("校园", "high school"),
        new("青春", "coming of age"), new("成长", "coming of age"), new("公路", "road trip"), new("圣诞", "christmas"),
        new("灾难", "disaster"), new("怪兽", "monsters"), new("音乐", "music"),
        new("美食", "food"), new("治愈", "feel-good"), new("温暖", "feel-good"), new("传记", "biography"), new("二战", "world war ii"),
    ];

    /// <summary>English number words.</summary>
    public static FrozenDictionary<string, int> NumberWords { get; } = new Dictionary<string, int>
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["dozen"] = 12, ["couple"] = 2, ["pair"] = 2, ["few"] = 3, ["several"] = 3,
        ["some"] = 3, ["handful"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Singular nouns naming one item: "a ___ movie" asks for one.</summary>
    public static FrozenSet<string> SingularItemNouns { get; } = new[]
    {
        "movie", "film", "flick", "picture", "book", "novel", "one", "pick", "title", "recommendation", "suggestion",
        "documentary", "comedy", "thriller", "western", "cartoon", "drama", "romance", "musical", "mystery", "romcom",
        "read", "watch", "show", "classic", "story", "anime", "noir", "fantasy", "adventure", "mockumentary", "doc",
        "horror", "tearjerker", "whodunit", "biopic", "blockbuster", "feature", "memoir", "paperback", "scifi",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Nouns naming items, singular or plural; a span made of these and genre words is not a title.</summary>
    public static FrozenSet<string> ItemNouns { get; } = new[]
    {
        "movie", "movies", "film", "films", "flick", "flicks", "picture", "pictures", "book", "books", "novel", "novels",
        "one", "ones", "pick", "picks", "title", "titles", "show", "shows", "stuff", "things", "thing", "something",
        "anything", "series", "cinema", "reads", "story", "stories", "recommendations", "suggestions",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that are never corrected as typos although they are one edit from a vocabulary word.</summary>
    public static FrozenSet<string> NotTypos { get; } = new[]
    {
        "eastern", "history", "mastery", "romans", "comics", "decent", "recent", "fiction", "action", "actions",
        "movies", "films", "series", "stories", "scared", "scare", "carry", "scarf", "funky", "fanny", "sunny", "crimea",
        "dream", "dreams", "drums", "drams", "dance", "kiddo", "wars", "wares", "ward", "warm", "was", "were", "where",
        "their", "there", "these", "those", "house", "horse", "homes", "horns", "famous", "animal", "animals", "comic",
        "musician", "musicals", "thrill", "thrills", "thriving", "heist", "feast", "latent", "patent", "talent", "later",
        "late", "best", "beat", "news", "newly", "never", "newer", "neither", "nether", "science", "scientific",
        "please", "places", "police", "popular", "populace", "recommends", "recommended", "suggested", "suggests",
        "similarly", "simile", "rated", "rates", "dated", "mummy", "money", "family", "familiar", "kids", "bids",
        "western", "westerns", "romance", "romantic", "nonfiction", "documented", "document", "animate", "animates",
        "sports", "spots", "shorts", "short", "shirt",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words a misspelling is corrected to (edit distance 1, or 2 for long words).</summary>
    public static IReadOnlyList<string> TypoTargets { get; } = BuildTypoTargets();

    /// <summary>
    /// Chinese names of well-known films and books with the English title the catalog uses, from the data file
    /// Intent/Vocabulary/chinese-titles.json (embedded; loaded once, checked at start-up).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ChineseTitles => Vocabulary.TitleAliases.Default.Chinese;

    private static FrozenDictionary<string, string[]> BuildEnglish()
    {
        var d = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string[] genres, params string[] keys)
        {
            foreach (var k in keys)
            {
                d[k] = genres;
            }
        }

        Add([Action], "action", "actionpacked", "actioner", "actioners", "martialarts", "kungfu", "shootemup", "actionmovie", "actionmovies");
        Add([Adventure], "adventure", "adventures", "adventurous", "swashbuckler", "swashbucklers", "swashbuckling");
        Add([Animation], "animation", "animations", "animated", "anime", "cartoon", "cartoons", "cartoony", "stopmotion");
        Add([Children], "kids", "kid", "children", "childrens", "child", "family", "families", "familyfriendly", "kidfriendly",
            "kidsmovie", "kidsmovies", "toddler", "toddlers", "childfriendly", "kiddie", "kiddy");
        Add([Comedy], "comedy", "comedies", "comedic", "funny", "funnier", "funniest", "hilarious", "humorous", "humor", "humour",
            "laugh", "laughs", "sitcom", "parody", "parodies", "spoof", "spoofs", "satire", "satires", "slapstick", "standup");
        Add([Romance, Comedy], "romcom", "romcoms", "romanticcomedy", "romanticcomedies");
        Add([Crime], "crime", "crimes", "gangster", "gangsters", "mafia", "mob", "mobster", "mobsters", "criminal", "criminals", "cop", "cops");
        Add([Documentary], "documentary", "documentaries", "docu", "docs", "docuseries", "docudrama", "documentarys");
        Add([Drama], "drama", "dramas", "dramatic", "tearjerker", "tearjerkers", "melodrama", "melodramas");
        Add([Fantasy], "fantasy", "fantasies", "fantastical");
        Add([FilmNoir], "noir", "noirs", "filmnoir", "filmnoirs", "neonoir");
        Add([Horror], "horror", "horrors", "scary", "scarier", "scariest", "spooky", "creepy", "frightening", "terrifying",
            "horrormovie", "horrormovies", "horrorfilm", "horrorfilms", "slashers");
        Add([Imax], "imax");
        Add([Musical], "musical", "musicals");
        Add([Mystery], "mystery", "mysteries", "whodunit", "whodunits", "whodunnit", "whodunnits", "mysterious");
        Add([Romance], "romance", "romances", "romantic", "lovestory", "lovestories");
        Add([SciFi], "scifi", "sciencefiction", "syfy", "scifis");
        Add([Thriller], "thriller", "thrillers", "suspense", "suspenseful", "thrilling");
        Add([War], "war", "wartime", "ww2", "wwii", "worldwar", "worldwarii", "worldwar2", "warmovie", "warmovies", "warfilm", "warfilms");
        Add([Western], "western", "westerns", "cowboy", "cowboys", "spaghettiwestern", "spaghettiwesterns");
        // Phrases that contain a genre word but name something else.
        Add([], "starwars", "warof", "wargames", "coldwar", "familyguy", "homealone",
            "filmography", "actionfigure", "crimeandpunishment", "dramaqueen", "kidnapping", "karatekid");
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<KeyValuePair<string, string[]>> BuildChinese()
    {
        var list = new List<KeyValuePair<string, string[]>>();
        void Add(string[] genres, params string[] keys)
        {
            foreach (var k in keys)
            {
                list.Add(new(k, genres));
            }
        }

        Add([SciFi], "科幻");
        Add([Action], "动作", "武侠", "武打", "枪战");
        Add([Adventure], "冒险", "探险");
        Add([Animation], "动画", "动漫", "卡通");
        Add([Children], "儿童", "孩子", "小孩", "少儿", "亲子", "全家", "家庭", "小朋友", "合家欢");
        Add([Comedy], "喜剧", "搞笑", "爆笑", "幽默", "好笑");
        Add([Romance, Comedy], "浪漫喜剧", "爱情喜剧");
        Add([Crime], "犯罪", "黑帮", "警匪");
        Add([Documentary], "纪录片", "记录片", "纪实");
        Add([Drama], "剧情片", "文艺片", "剧情电影");
        Add([Fantasy], "奇幻", "魔幻");
        Add([FilmNoir], "黑色电影");
        Add([Horror], "恐怖", "吓人", "鬼片");
        Add([Musical], "音乐剧", "歌舞");
        Add([Mystery], "悬疑", "推理");
        Add([Romance], "爱情", "浪漫", "恋爱", "言情");
        Add([Thriller], "惊悚");
        Add([War], "战争", "抗战");
        Add([Western], "西部");
        list.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        return list;
    }

    private static List<string> BuildTypoTargets()
    {
        var words = new HashSet<string>(StringComparer.Ordinal)
        {
            "recommend", "recommendations", "suggest", "similar", "movie", "movies", "film", "films", "something",
            "anything", "documentary", "documentaries", "comedy", "comedies", "thriller", "thrillers", "romance", "romantic",
            "horror", "animated", "animation", "adventure", "adventures", "fantasy", "mystery", "mysteries", "musical",
            "western", "westerns", "popular", "latest", "recent", "highly", "acclaimed", "children", "family", "science",
            "fiction", "cartoons", "cartoon", "drama", "dramas", "crime", "action", "scary", "funny", "hilarious",
            "suspense", "newest", "newer", "please", "between", "before", "after", "since", "without", "except", "explain",
            "because", "favorite", "favourite", "instead", "another", "different", "several", "couple", "twenty",
            "fifteen", "twelve", "eleven", "seven", "three", "novels", "novel", "books", "popularity",
        };
        return [.. words];
    }
}
