export const englishStopwords = new Set(
  `a an and are as at be been being but by can could did do does doing for from had has have having how i if in
into is it its me my no not of on or our ours so than that the their them then there these they this those to
too under until up us very was we were what when where which while who whom why will with would you your yours
about after again against all am any because before below between both during each few further here just more
most off once only other out over own same should some such through down also may might must shall get got
let lets please tell know want need like one much many long does what's whats i'm im we're were weve ve dont
don't ok okay hi hello thanks thank already since exactly still actually really just even yet ever now currently
anyone someone something anything there's thing things way make makes made going gonna wanna kind sort basically
which whose whether either neither every per via etc`.split(/\s+/u),
);

export const chineseStopwords = new Set(
  `的 了 吗 呢 吧 啊 是 在 有 和 与 及 或 就 都 而 也 还 又 被 把 对 从 到 为 以 于 之 其 这 那 个 们 我 你 他 她 它 我们 你们 他们
  什么 怎么 怎样 如何 多少 多久 多长 哪些 哪个 哪天 哪年 哪里 哪儿 请问 一下 可以 能 会 要 需要 应该 如果 那么 这个 那个 一个 没有 不 呀 哦 嗯 是否 能否 会不会 是不是 有没有 怎么样 会怎样 大概 一般 现在 目前 我们 我 咱们 吗? 么`.split(
    /\s+/u,
  ),
);
