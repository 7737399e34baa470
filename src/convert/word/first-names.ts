/**
 * Common Italian given names, to tell a name from a surname when a document writes "Moreni Carla"
 * and never "Carla Moreni", or
 * writes a person both ways (that says where the surname ends, not on which side). When no word is
 * here, the importer asks the reviewer.
 */
const NAMES = `
adele adriana adriano agnese agostino alba alberto alessandra alessandro alessia alessio alfredo alice
alida amalia ambra amedeo andrea angela angelo anna annalisa annamaria antonella antonietta antonio arianna
armando arturo assunta aurora barbara beatrice benedetta bernardo bianca bruna bruno camilla carla carlo
carmela carmen carmine carolina caterina cecilia cesare chiara cinzia claudia claudio clara concetta corrado
cristiana cristina cristian daniela daniele dario davide debora deborah denis diana diego dino domenico
donatella donato dora edoardo elena eleonora elisa elisabetta ellen elvira emanuela emanuele emilia emilio
emma enrica enrico enzo erica ernesto ester eugenio eva fabio fabiola fabrizio federica federico felice
fernanda fernando filippo fiorella flavia flavio francesca francesco franco gabriele gabriella gaetano
gerardo giacomo giada gianfranco gianluca gianluigi gianmario gianni giancarlo giampaolo gianpaolo giorgia
giorgio giovanna giovanni gisella giulia giuliana giuliano giulio giuseppe giuseppina gloria grazia graziella
guido ida ilaria irene isabella ivan ivana ivo laura lauro lea leonardo letizia lia liliana lina linda livia
lorena lorenzo loredana luana luca lucia luciana luciano lucio luigi luigia luisa maddalena manuela manuel
marcella marcello marco margherita maria mariangela marianna marina mario marisa marta martina massimo
massimiliano matteo mattia maurizio mauro michela michele milena mirco mirella mirko monica nadia natale
nicola nicoletta nicolo nicolò noemi norma oliviero orietta ornella paola paolo pasquale patrizia patrizio
piera pierluigi piero pietro primo raffaele raffaella renata renato riccardo rita roberta roberto rocco
romano rosa rosalba rosanna rosaria rossana rossella ruggero sabrina salvatore samuele sandra sandro sara
sergio serena silvana silvia silvio simona simone sofia sonia stefania stefano susanna tatiana teresa
tiziana tiziano tommaso ugo umberto valentina valentino valeria valerio vanda vanessa vasco veronica vincenzo
viola virginia vittoria vittorio walter wanda zeno
agata aldo alfonso ambrogio angelica anita annarita carlotta cosimo damiano dante delia elio enea erminia ettore
ezio fabiana fausto fiorenzo franca gemma gianmarco gianna gilberto gilda ginevra gino giordano graziano iacopo
ilenia irma ivano jacopo jessica katia lamberto leandro lidia lino lorenza loris lucrezia luigino mara mariano
mariella marilena marino marzia matilde melissa miriam morena nello nino oscar osvaldo ottavio pamela pierangelo
pierpaolo remo rina rinaldo rino rodolfo romina sabina samantha sauro sebastiano settimio silvano tecla teodoro
tina tullio ubaldo valter vera vinicio virgilio vito wilma ylenia
`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

export function isFirstName(word: string): boolean {
  return FIRST_NAMES.has(word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}
