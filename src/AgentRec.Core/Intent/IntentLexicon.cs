using System.Collections.Frozen;

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
    public static IReadOnlyList<string> Genres { get; } =
    [
        Action, Adventure, Animation, Children, Comedy, Crime, Documentary, Drama, Fantasy, FilmNoir, Horror, Imax,
        Musical, Mystery, Romance, SciFi, Thriller, War, Western,
    ];

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
    /// Chinese names of well-known films and books with the English title the catalog uses. Names that are also everyday
    /// words or numbers (她, 功夫, 世界末日, 1984) are left out: a sentence using the word would read as naming the title.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ChineseTitles { get; } =
    [
        new("盗梦空间", "Inception"), new("星际穿越", "Interstellar"), new("黑客帝国", "The Matrix"),
        new("肖申克的救赎", "The Shawshank Redemption"), new("阿甘正传", "Forrest Gump"), new("教父", "The Godfather"),
        new("玩具总动员", "Toy Story"), new("低俗小说", "Pulp Fiction"), new("盗火线", "Heat"), new("泰坦尼克号", "Titanic"),
        new("指环王", "Lord of the Rings: The Fellowship of the Ring"), new("魔戒", "Lord of the Rings: The Fellowship of the Ring"),
        new("哈利波特", "Harry Potter and the Sorcerer's Stone"), new("哈利·波特", "Harry Potter and the Sorcerer's Stone"),
        new("星球大战", "Star Wars: Episode IV - A New Hope"), new("侏罗纪公园", "Jurassic Park"), new("阿凡达", "Avatar"),
        new("黑暗骑士", "The Dark Knight"), new("蝙蝠侠", "Batman"), new("千与千寻", "Spirited Away"), new("龙猫", "My Neighbor Totoro"),
        new("狮子王", "The Lion King"), new("海底总动员", "Finding Nemo"), new("终结者", "The Terminator"),
        new("银翼杀手", "Blade Runner"), new("搏击俱乐部", "Fight Club"), new("沉默的羔羊", "The Silence of the Lambs"),
        new("辛德勒的名单", "Schindler's List"), new("拯救大兵瑞恩", "Saving Private Ryan"), new("美丽人生", "Life Is Beautiful"),
        new("楚门的世界", "The Truman Show"), new("七宗罪", "Seven"), new("这个杀手不太冷", "Léon: The Professional"),
        new("霸王别姬", "Farewell My Concubine"), new("卧虎藏龙", "Crouching Tiger, Hidden Dragon"), new("无间道", "Infernal Affairs"),
        new("功夫熊猫", "Kung Fu Panda"), new("怦然心动", "Flipped"), new("当幸福来敲门", "The Pursuit of Happyness"),
        new("飞屋环游记", "Up"), new("机器人总动员", "WALL·E"), new("寻梦环游记", "Coco"), new("疯狂动物城", "Zootopia"),
        new("复仇者联盟", "The Avengers"), new("钢铁侠", "Iron Man"), new("蜘蛛侠", "Spider-Man"), new("变形金刚", "Transformers"),
        new("速度与激情", "The Fast and the Furious"), new("碟中谍", "Mission: Impossible"), new("火星救援", "The Martian"),
        new("地心引力", "Gravity"), new("禁闭岛", "Shutter Island"), new("致命魔术", "The Prestige"), new("记忆碎片", "Memento"),
        new("大白鲨", "Jaws"), new("回到未来", "Back to the Future"), new("外星人E.T.", "E.T. the Extra-Terrestrial"),
        new("勇敢的心", "Braveheart"), new("角斗士", "Gladiator"), new("黑天鹅", "Black Swan"), new("源代码", "Source Code"),
        new("头号玩家", "Ready Player One"), new("降临", "Arrival"), new("闪灵", "The Shining"), new("驱魔人", "The Exorcist"),
        new("惊魂记", "Psycho"), new("美国丽人", "American Beauty"), new("西雅图夜未眠", "Sleepless in Seattle"),
        new("罗马假日", "Roman Holiday"), new("乱世佳人", "Gone with the Wind"), new("卡萨布兰卡", "Casablanca"),
        new("绿野仙踪", "The Wizard of Oz"), new("音乐之声", "The Sound of Music"), new("爱乐之城", "La La Land"),
        new("冰雪奇缘", "Frozen"), new("怪物史莱克", "Shrek"), new("超人总动员", "The Incredibles"), new("美食总动员", "Ratatouille"),
        new("头脑特工队", "Inside Out"), new("哈尔的移动城堡", "Howl's Moving Castle"), new("幽灵公主", "Princess Mononoke"),
        new("天空之城", "Laputa: Castle in the Sky"), new("你的名字", "Your Name"), new("猫鼠游戏", "Catch Me If You Can"),
        new("荒岛余生", "Cast Away"), new("绿里奇迹", "The Green Mile"), new("心灵捕手", "Good Will Hunting"),
        new("死亡诗社", "Dead Poets Society"), new("飞越疯人院", "One Flew Over the Cuckoo's Nest"), new("发条橙", "A Clockwork Orange"),
        new("2001太空漫游", "2001: A Space Odyssey"), new("现代启示录", "Apocalypse Now"), new("全金属外壳", "Full Metal Jacket"),
        new("异形", "Alien"), new("少年派", "Life of Pi"),
        new("被解救的姜戈", "Django Unchained"), new("无耻混蛋", "Inglourious Basterds"), new("落水狗", "Reservoir Dogs"),
        new("杀死比尔", "Kill Bill: Vol. 1"), new("老无所依", "No Country for Old Men"), new("血色将至", "There Will Be Blood"),
        new("社交网络", "The Social Network"), new("消失的爱人", "Gone Girl"), new("十二怒汉", "12 Angry Men"),
        new("公民凯恩", "Citizen Kane"), new("后窗", "Rear Window"), new("迷魂记", "Vertigo"), new("疯狂的麦克斯", "Mad Max: Fury Road"),
        new("加勒比海盗", "Pirates of the Caribbean: The Curse of the Black Pearl"), new("独立日", "Independence Day"),
        new("黑衣人", "Men in Black"), new("第五元素", "The Fifth Element"), new("少数派报告", "Minority Report"),
        new("机械姬", "Ex Machina"), new("小丑", "Joker"),
        new("寄生虫", "Parasite"), new("触不可及", "The Intouchables"), new("天使爱美丽", "Amélie"), new("放牛班的春天", "The Chorus"),
        new("海上钢琴师", "The Legend of 1900"), new("天堂电影院", "Cinema Paradiso"), new("这个男人来自地球", "The Man from Earth"),
        new("蝴蝶效应", "The Butterfly Effect"), new("恐怖游轮", "Triangle"), new("致命ID", "Identity"), new("穆赫兰道", "Mulholland Drive"),
        new("禁室培欲", "Secretary"), new("雨人", "Rain Man"), new("闻香识女人", "Scent of a Woman"), new("断背山", "Brokeback Mountain"),
        new("泰迪熊", "Ted"), new("宿醉", "The Hangover"), new("憨豆特工", "Johnny English"), new("三傻大闹宝莱坞", "3 Idiots"),
        new("花样年华", "In the Mood for Love"), new("重庆森林", "Chungking Express"), new("春光乍泄", "Happy Together"),
        new("东邪西毒", "Ashes of Time"), new("一代宗师", "The Grandmaster"), new("十面埋伏", "House of Flying Daggers"),
        new("大红灯笼高高挂", "Raise the Red Lantern"), new("饮食男女", "Eat Drink Man Woman"), new("喜宴", "The Wedding Banquet"),
         new("少林足球", "Shaolin Soccer"), new("让子弹飞", "Let the Bullets Fly"),
        new("色，戒", "Lust, Caution"), new("色戒", "Lust, Caution"),
        new("七武士", "Seven Samurai"), new("罗生门", "Rashomon"), new("东京物语", "Tokyo Story"), new("入殓师", "Departures"),
         new("釜山行", "Train to Busan"), new("杀人回忆", "Memories of Murder"),
         new("萤火虫之墓", "Grave of the Fireflies"), new("魔女宅急便", "Kiki's Delivery Service"),
        new("风之谷", "Nausicaä of the Valley of the Wind"), new("悬崖上的金鱼姬", "Ponyo"), new("起风了", "The Wind Rises"),
        new("攻壳机动队", "Ghost in the Shell"), new("阿基拉", "Akira"), new("红辣椒", "Paprika"), new("千年女优", "Millennium Actress"),
        new("美国往事", "Once Upon a Time in America"), new("好家伙", "Goodfellas"), new("出租车司机", "Taxi Driver"),
        new("愤怒的公牛", "Raging Bull"), new("无间行者", "The Departed"), new("华尔街之狼", "The Wolf of Wall Street"),
        new("荒野猎人", "The Revenant"), new("剪刀手爱德华", "Edward Scissorhands"),
        new("查理和巧克力工厂", "Charlie and the Chocolate Factory"), new("僵尸新娘", "Corpse Bride"),
        new("圣诞夜惊魂", "The Nightmare Before Christmas"), new("夺宝奇兵", "Raiders of the Lost Ark"),
        new("帝国反击战", "Star Wars: Episode V - The Empire Strikes Back"), new("终结者2", "Terminator 2: Judgment Day"),
        new("教父2", "The Godfather: Part II"), new("异形2", "Aliens"), new("蝙蝠侠：侠影之谜", "Batman Begins"),
        new("侠影之谜", "Batman Begins"), new("黑暗骑士崛起", "The Dark Knight Rises"), new("星际迷航", "Star Trek"),
        new("盗梦", "Inception"), new("敦刻尔克", "Dunkirk"), new("恋恋笔记本", "The Notebook"), new("两杆大烟枪", "Lock, Stock & Two Smoking Barrels"),
        new("偷拐抢骗", "Snatch"), new("八恶人", "The Hateful Eight"), new("美国队长", "Captain America: The First Avenger"),
        new("雷神", "Thor"), new("银河护卫队", "Guardians of the Galaxy"), new("死侍", "Deadpool"), new("X战警", "X-Men"),
        new("黑豹", "Black Panther"), new("奇异博士", "Doctor Strange"), new("神奇女侠", "Wonder Woman"), new("蚁人", "Ant-Man"),
        new("霍比特人", "The Hobbit: An Unexpected Journey"), new("侏罗纪世界", "Jurassic World"),
        new("珍珠港", "Pearl Harbor"), new("爱在黎明破晓前", "Before Sunrise"), new("爱在日落黄昏时", "Before Sunset"),
        new("爱在午夜降临前", "Before Midnight"), new("暖暖内含光", "Eternal Sunshine of the Spotless Mind"),
        new("海边的曼彻斯特", "Manchester by the Sea"), new("月光男孩", "Moonlight"), new("水形物语", "The Shape of Water"),
        new("三块广告牌", "Three Billboards Outside Ebbing, Missouri"), new("布达佩斯大饭店", "The Grand Budapest Hotel"),
        new("了不起的狐狸爸爸", "Fantastic Mr. Fox"), new("爆裂鼓手", "Whiplash"), new("模仿游戏", "The Imitation Game"),
        new("万物理论", "The Theory of Everything"), new("美丽心灵", "A Beautiful Mind"), new("国王的演讲", "The King's Speech"),
        new("贫民窟的百万富翁", "Slumdog Millionaire"), new("少年派的奇幻漂流", "Life of Pi"), new("荒野生存", "Into the Wild"),
        new("教父3", "The Godfather: Part III"),
        new("功夫熊猫2", "Kung Fu Panda 2"), new("玩具总动员3", "Toy Story 3"), new("怪兽电力公司", "Monsters, Inc."),
        new("虫虫危机", "A Bug's Life"), new("赛车总动员", "Cars"), new("勇敢传说", "Brave"), new("无敌破坏王", "Wreck-It Ralph"),
        new("大英雄天团", "Big Hero 6"), new("驯龙高手", "How to Train Your Dragon"), new("马达加斯加", "Madagascar"),
        new("冰川时代", "Ice Age"), new("神偷奶爸", "Despicable Me"), new("小黄人", "Minions"), new("美女与野兽", "Beauty and the Beast"),
        new("阿拉丁", "Aladdin"), new("小美人鱼", "The Little Mermaid"), new("花木兰", "Mulan"), new("海洋奇缘", "Moana"),
        new("百年孤独", "One Hundred Years of Solitude"), new("动物庄园", "Animal Farm"), new("杀死一只知更鸟", "To Kill a Mockingbird"),
        new("麦田里的守望者", "The Catcher in the Rye"), new("傲慢与偏见", "Pride and Prejudice"), new("简爱", "Jane Eyre"),
        new("简·爱", "Jane Eyre"), new("追风筝的人", "The Kite Runner"), new("小王子", "The Little Prince"),
        new("挪威的森林", "Norwegian Wood"), new("海边的卡夫卡", "Kafka on the Shore"), new("达芬奇密码", "The Da Vinci Code"),
        new("达·芬奇密码", "The Da Vinci Code"), new("饥饿游戏", "The Hunger Games"), new("暮光之城", "Twilight"),
        new("权力的游戏", "A Game of Thrones"), new("冰与火之歌", "A Game of Thrones"), new("月亮与六便士", "The Moon and Sixpence"),
        new("老人与海", "The Old Man and the Sea"), new("呼啸山庄", "Wuthering Heights"), new("悲惨世界", "Les Misérables"),
        new("基督山伯爵", "The Count of Monte Cristo"), new("战争与和平", "War and Peace"), new("安娜·卡列尼娜", "Anna Karenina"),
        new("罪与罚", "Crime and Punishment"), new("局外人", "The Stranger"), new("了不起的盖茨比", "The Great Gatsby"),
         new("美丽新世界", "Brave New World"), new("华氏451", "Fahrenheit 451"), new("沙丘", "Dune"),
        new("银河系漫游指南", "The Hitchhiker's Guide to the Galaxy"), new("安德的游戏", "Ender's Game"),
        new("神探夏洛克", "The Adventures of Sherlock Holmes"), new("福尔摩斯探案集", "The Adventures of Sherlock Holmes"),
        new("无人生还", "And Then There Were None"), new("东方快车谋杀案", "Murder on the Orient Express"),
        new("龙纹身的女孩", "The Girl with the Dragon Tattoo"),
    ];

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
