// Everyday English words. Two or three words that spaces part are read as one split term ("nu de",
// "po rn", "p or n") unless every one of them is an everyday word: "the pen is red" is not "penis",
// "to be headed home" is not "beheaded". A split that reads as ordinary text is never joined, so
// some evasions stay ordinary too ("top less", "jail bait"): list those as phrases if they matter.
const ORDINARY = new Set(
  `
  a i an am as at be by do go he if in is it me my no of oh ok on or so to up us we ye yo
  all and any are ask bad bed big bit box boy but buy can car cat cup cut day did die dog dry due
  ear eat egg end eye far few fit fly for fun get god got gun guy had has hat her him his hit hot how
  ice ink its job joy key kid lab law lay leg let lie lip lit log lot low man map may men mix mom mud
  new nor not now nut odd off oil old one our out own pan pay pen pet pie pig pin pit pop pot pro put
  raw red rid rip rod row run sad saw say sea see set she shy sit six sky son sun tab tap tea ten the
  tie tin tip toe ton too top toy try two use van war was way web wet who why win wit yes yet you zoo
 able also area army away baby back ball band bank base bath bear beat been bell belt best bird
  blue boat body bone book born both bowl burn busy cake call calm came camp card care case cash cell
  city club coal coat code cold come cook cool copy corn cost crew dark data date dead deal dear deep
  desk dish does done door down draw drop drug duck dust duty each east easy edge else even ever
  face fact fail fair fall farm fast fear feel feet fell felt file fill film find fine fire firm fish
  five flag flat flow food foot form four free from full game gate gave gift girl give glad goal goes
  gold gone good gray grew grow hair half hall hand hang hard harm have head hear heat held hell help
  here hero high hill hire hold hole home hope horn host hour huge idea inch into iron item jail join
  jump just keep kept kill kind king knee knew know lack lady laid lake land last late lead left less
  life lift like line link list live load loan lock long look lord lose loss lost love luck made mail
  main make male many mark mass meal mean meat meet mind mine miss mode moon more most move much must
  name near neck need news next nice nine none nose note once only open over pack page paid pain pair
  park part pass past path peak pick pile pink plan play plus poem pool poor port post pull pure push
  race rain rank rare rate read real rest rice rich ride ring rise risk road rock role roof room root
  rope rose rule rush safe said sale salt same sand save seat seed seen self sell send ship shop shot
  show shut sick side sign sing size skin slow snow soft soil sold some song soon sort soul spot star
  stay step stop such suit sure take tale talk tall tank tape team tell tend term test text than that
  them then they thin this thus tide time tiny told tone took tool tour town tree trip true tune turn
  type unit upon used user vast very view vote wait wake walk wall want warm wash wave weak wear week
  well went were west what when whom wide wife wild will wind wine wing wire wise wish with wood word
  wore work yard year your zero zone about above after again alone along among angry apple beach began
  begin being below black blood board bread break bring brown build carry catch cause chair cheap check
  child clean clear climb clock close cloud color could count cover cross dance dream dress drink drive
  early earth eight enemy enjoy enter every field fight final first floor flower fresh front fruit
  funny glass grass great green group guard guess happy heard heart heavy horse house human knife large
  laugh learn leave level light local lunch magic major march match metal might money month mouth music
  never night north ocean offer order other owner paint paper party peace phone piece place plant plate
  point power press price proud queen quick quiet quite radio reach ready right river round scene sense
  seven shall shape share sharp sheep shirt short since skill sleep small smile sound south space speak
  spend sport stage stand start state steam steel stick still stone store storm story sugar sweet table
  taken teach thank their there these thick thing think three throw tiger today tooth total touch tower
  trade train truth twice under until upper usual voice waste watch water wheel where which while white
  whole woman world would write wrong young
  `.trim().split(/\s+/),
);

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ly'];

/** Whether a word form is an everyday English word, or one with a common ending ("headed", "heading"). */
export function isOrdinaryWord(form: string): boolean {
  if (ORDINARY.has(form)) return true;
  return SUFFIXES.some((s) => form.length > s.length + 2 && form.endsWith(s) && ORDINARY.has(form.slice(0, -s.length)));
}
