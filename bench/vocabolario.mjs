/**
 * Italian vocabulary of municipal administration used by generate.mjs.
 * Each domain ("ambito") gives a settore name, its servizi and functions, and the material of
 * objectives: subjects (in the genitive form, to follow an action noun), phases, indicators, targets.
 * Texts are written to read like real PIAO plans; the generator combines them with a seeded PRNG.
 */

/** Action nouns that open an objective's title; `art` is the noun with its article, for descriptions. */
export const AZIONI = [
  { t: 'Digitalizzazione', art: 'la digitalizzazione' },
  { t: 'Riorganizzazione', art: 'la riorganizzazione' },
  { t: 'Aggiornamento', art: "l'aggiornamento" },
  { t: 'Revisione', art: 'la revisione' },
  { t: 'Potenziamento', art: 'il potenziamento' },
  { t: 'Monitoraggio', art: 'il monitoraggio' },
  { t: 'Completamento', art: 'il completamento' },
  { t: 'Semplificazione', art: 'la semplificazione' },
  { t: 'Gestione', art: 'la gestione' },
  { t: 'Miglioramento', art: 'il miglioramento' },
  { t: 'Razionalizzazione', art: 'la razionalizzazione' },
  { t: 'Informatizzazione', art: "l'informatizzazione" },
  { t: 'Attivazione', art: "l'attivazione" },
  { t: 'Verifica', art: 'la verifica' },
  { t: 'Ricognizione', art: 'la ricognizione' },
  { t: 'Standardizzazione', art: 'la standardizzazione' },
  { t: 'Consolidamento', art: 'il consolidamento' },
  { t: 'Predisposizione', art: 'la predisposizione' },
  { t: 'Avvio', art: "l'avvio" },
  { t: 'Rafforzamento', art: 'il rafforzamento' },
];

/** Purposes that close a description sentence. */
export const FINALITA = [
  'al fine di ridurre i tempi di risposta ai cittadini',
  'allo scopo di garantire la piena trasparenza dell\'azione amministrativa',
  'in coerenza con gli obiettivi strategici del Documento Unico di Programmazione',
  'per assicurare il rispetto dei termini di legge',
  'nell\'ottica del miglioramento continuo della qualità dei servizi',
  'in attuazione del Piano triennale per l\'informatica nella Pubblica Amministrazione',
  'favorendo l\'accesso ai servizi in modalità digitale',
  'con l\'obiettivo di contenere la spesa corrente',
  'al fine di incrementare le entrate proprie dell\'Ente',
  'garantendo la continuità del servizio anche nei periodi di minore presenza del personale',
  'a beneficio delle famiglie e delle imprese del territorio',
  'nel rispetto dei principi di economicità, efficacia ed efficienza',
  'assicurando il coordinamento con gli altri settori dell\'Ente',
  'in vista delle scadenze fissate dal Piano Nazionale di Ripresa e Resilienza',
  'riducendo il ricorso a documentazione cartacea',
];

/** Sentences that may follow the first one in a description. */
export const DETTAGLI = [
  'L\'attività comprende la verifica puntuale della documentazione e il raccordo con gli uffici interessati.',
  'Il servizio cura la predisposizione degli atti e la loro pubblicazione nella sezione Amministrazione Trasparente.',
  'Sono previsti momenti periodici di confronto con l\'Amministrazione per verificare lo stato di avanzamento.',
  'Le procedure sono svolte mediante gli applicativi gestionali in uso, senza oneri aggiuntivi per l\'Ente.',
  'Il personale coinvolto partecipa ad attività formative specifiche, anche in modalità e-learning.',
  'I risultati sono rendicontati nella Relazione sulla performance dell\'anno di riferimento.',
  'L\'obiettivo è svolto in collaborazione con i Comuni convenzionati e con l\'Unione dei Comuni.',
  'Le comunicazioni con l\'utenza avvengono prevalentemente tramite PEC, app IO e sportello telematico.',
  'Particolare attenzione è riservata alle fasce deboli della popolazione e agli utenti con disabilità.',
  'Eventuali criticità sono segnalate tempestivamente al Segretario comunale.',
  'Il procedimento si conclude con l\'adozione di un provvedimento espresso entro i termini previsti.',
  'La banca dati è allineata con le piattaforme nazionali (ANPR, PagoPA, SIOPE+).',
];

/** Phases common to every domain, with a stage so that they come out in a plausible order. */
export const FASI_COMUNI = [
  { s: 1, t: 'Analisi dello stato di fatto' },
  { s: 1, t: 'Ricognizione della documentazione esistente' },
  { s: 1, t: 'Individuazione delle criticità' },
  { s: 2, t: 'Definizione del cronoprogramma delle attività' },
  { s: 2, t: 'Predisposizione degli atti' },
  { s: 2, t: 'Richiesta dei preventivi e affidamento del servizio' },
  { s: 3, t: 'Approvazione con determinazione del responsabile' },
  { s: 3, t: 'Approvazione con deliberazione di Giunta Comunale' },
  { s: 3, t: 'Formazione del personale' },
  { s: 4, t: 'Pubblicazione in Amministrazione Trasparente' },
  { s: 4, t: 'Comunicazione alla cittadinanza tramite sito istituzionale e social' },
  { s: 4, t: 'Monitoraggio periodico dei risultati' },
  { s: 5, t: 'Rendicontazione finale all\'Amministrazione' },
  { s: 5, t: 'Verifica del raggiungimento dei risultati attesi' },
];

export const INDICATORI_COMUNI = [
  'Rispetto del cronoprogramma',
  'Numero di pratiche evase entro i termini',
  'Percentuale di procedimenti conclusi nei termini di legge',
  'Grado di soddisfazione dell\'utenza rilevato tramite questionario',
  'Adozione degli atti entro la scadenza',
  'Numero di segnalazioni e reclami ricevuti',
  'Tempo medio di conclusione dei procedimenti (giorni)',
];

export const TARGET_COMUNI = [
  'Rispetto dei termini previsti',
  'Miglioramento del servizio',
  'Efficienza della PA',
  'Informazione alla cittadinanza',
  'Trasparenza dell\'azione amministrativa',
  'Riduzione dei tempi di risposta',
  'Digitalizzazione',
  'Almeno il {p}% delle pratiche evase entro {g} giorni',
  'Tempo medio inferiore a {g} giorni',
  'Conclusione di almeno {n} procedimenti nell\'anno',
];

/**
 * The domains. `settore`: the settore's name; `servizi`: [name, functions]; `soggetti`: what
 * objectives act on (genitive form); `fasi`, `indicatori`, `target`: domain-specific material.
 */
export const AMBITI = [
  {
    id: 'tributi',
    settore: 'Settore Tributi',
    servizi: [
      ['Servizio Tributi', ['IMU;', 'TARI;', 'Canone unico patrimoniale;', 'Contenzioso tributario.']],
      ['Ufficio Riscossione', ['Riscossione coattiva;', 'Rateizzazioni;', 'Rapporti con l\'agente della riscossione.']],
    ],
    soggetti: [
      'degli accertamenti IMU relativi all\'anno {a5}',
      'della banca dati TARI',
      'del recupero dell\'evasione tributaria',
      'della bollettazione TARI {a}',
      'delle riscossioni coattive',
      'del canone unico patrimoniale',
      'dello sportello del contribuente',
      'delle rateizzazioni dei debiti tributari',
      'dei ruoli coattivi anni {a5}-{a4}',
      'dell\'invio degli avvisi di pagamento tramite PagoPA',
    ],
    fasi: [
      { s: 2, t: 'Estrazione delle posizioni non versate' },
      { s: 2, t: 'Incrocio dei dati catastali con la banca dati tributaria' },
      { s: 3, t: 'Emissione degli avvisi di accertamento' },
      { s: 3, t: 'Elaborazione dei ruoli' },
      { s: 4, t: 'Postalizzazione e notifica' },
      { s: 4, t: 'Front office contribuenti' },
      { s: 5, t: 'Gestione delle istanze di autotutela' },
    ],
    indicatori: ['Numero di avvisi di accertamento emessi', 'Importo riscosso rispetto all\'accertato', 'Postalizzazione degli avvisi TARI', 'Riduzione degli insoluti'],
    target: ['Riscossione IMU e riduzione degli insoluti', 'Riscossione TARI', 'Emissione di almeno {n} avvisi di accertamento', 'Recupero di almeno {e} euro di evasione'],
  },
  {
    id: 'demografici',
    settore: 'Settore Servizi Demografici',
    servizi: [
      ['Servizio Demografico', ['Anagrafe;', 'Stato Civile;', 'Leva militare;', 'Elettorale.']],
      ['Ufficio Elettorale', ['Tenuta delle liste elettorali;', 'Albo degli scrutatori e dei presidenti di seggio;', 'Consultazioni elettorali.']],
    ],
    soggetti: [
      'degli atti di stato civile in ANSC',
      'delle carte d\'identità elettroniche',
      'delle pratiche di cambio di residenza',
      'delle liste elettorali',
      'dell\'archivio anagrafico storico',
      'delle certificazioni anagrafiche on line tramite ANPR',
      'delle consultazioni elettorali {a}',
      'delle verifiche sulla posizione anagrafica dei richiedenti',
    ],
    fasi: [
      { s: 2, t: 'Avvio della procedura di integrazione in ANSC' },
      { s: 3, t: 'Correzione degli errori bloccanti e delle anomalie' },
      { s: 3, t: 'Accertamenti della Polizia Locale sulla dimora abituale' },
      { s: 3, t: 'Revisione dinamica delle liste elettorali' },
      { s: 4, t: 'Rilascio della carta d\'identità elettronica su appuntamento' },
      { s: 5, t: 'Richiesta del contributo' },
    ],
    indicatori: ['Completamento dell\'integrazione degli atti di stato civile in ANSC', 'Numero di CIE rilasciate', 'Tempo medio di definizione delle pratiche di residenza', 'Evasione delle richieste'],
    target: ['Interoperabilità degli atti di ANSC, digitalizzazione', 'Collaborazione istituzionale con INPS', 'Definizione delle pratiche entro {g} giorni', 'Rilascio di almeno {n} carte d\'identità elettroniche'],
  },
  {
    id: 'lavori_pubblici',
    settore: 'Settore Lavori Pubblici',
    servizi: [
      ['Servizio lavori pubblici e manutenzioni', ['gestione del territorio e ambiente;', 'lavori pubblici;', 'manutenzione del patrimonio;', 'Protezione civile.']],
      ['Servizio patrimonio', ['Inventario dei beni immobili;', 'Concessioni e locazioni;', 'Alienazioni.']],
    ],
    soggetti: [
      'della manutenzione straordinaria delle strade comunali',
      'dell\'efficientamento energetico della scuola primaria',
      'della riqualificazione del centro sportivo',
      'del programma triennale dei lavori pubblici {a}-{a2}',
      'della manutenzione degli automezzi comunali',
      'dell\'illuminazione pubblica a LED',
      'dei lavori di messa in sicurezza del cimitero',
      'dell\'inventario dei beni immobili',
      'della manutenzione del verde pubblico',
      'della rendicontazione dei contributi statali per investimenti',
    ],
    fasi: [
      { s: 2, t: 'Progettazione di fattibilità tecnico-economica' },
      { s: 2, t: 'Approvazione del progetto esecutivo' },
      { s: 3, t: 'Affidamento dei lavori tramite piattaforma telematica' },
      { s: 3, t: 'Consegna dei lavori' },
      { s: 4, t: 'Direzione lavori e contabilità' },
      { s: 5, t: 'Collaudo e certificato di regolare esecuzione' },
      { s: 5, t: 'Rendicontazione sulla piattaforma ReGiS' },
    ],
    indicatori: ['Rispetto del cronoprogramma dei lavori', 'Stato di avanzamento dei lavori', 'Automezzi pronti all\'uso', 'Chilometri di strade manutenute'],
    target: ['Conclusione dei lavori entro i termini del finanziamento', 'Sicurezza della viabilità comunale', 'Riduzione dei consumi energetici di almeno il {p}%', 'Corretto svolgimento dell\'attività da parte degli uffici comunali'],
  },
  {
    id: 'urbanistica',
    settore: 'Settore Urbanistica ed Edilizia Privata',
    servizi: [
      ['Servizio urbanistica ed edilizia privata', ['Urbanistica;', 'Edilizia Privata;', 'Certificati di destinazione urbanistica.']],
      ['Sportello Unico per l\'Edilizia', ['Permessi di costruire;', 'SCIA e CILA;', 'Agibilità.']],
    ],
    soggetti: [
      'dell\'archivio delle pratiche edilizie',
      'del Piano di Governo del Territorio',
      'delle pratiche di condono edilizio pendenti',
      'dei certificati di destinazione urbanistica',
      'dello Sportello Unico per l\'Edilizia telematico',
      'dei controlli a campione sulle SCIA',
      'degli accessi agli atti edilizi',
    ],
    fasi: [
      { s: 2, t: 'Scansione e indicizzazione delle pratiche' },
      { s: 3, t: 'Istruttoria tecnica' },
      { s: 3, t: 'Sopralluoghi di verifica' },
      { s: 4, t: 'Rilascio del titolo abilitativo' },
      { s: 4, t: 'Adozione e pubblicazione della variante' },
    ],
    indicatori: ['Numero di pratiche digitalizzate', 'Tempo medio di rilascio dei permessi di costruire', 'Percentuale di SCIA controllate'],
    target: ['Consultazione digitale dell\'archivio', 'Riduzione dei tempi di istruttoria', 'Controllo di almeno il {p}% delle SCIA presentate'],
  },
  {
    id: 'sociali',
    settore: 'Settore Servizi Sociali',
    servizi: [
      ['Servizio assistenziale', ['Servizi sociali;', 'Assistenza domiciliare;', 'Contributi economici.']],
      ['Servizio politiche abitative', ['Edilizia residenziale pubblica;', 'Contributi per l\'affitto;', 'Emergenza abitativa.']],
    ],
    soggetti: [
      'del servizio di assistenza domiciliare agli anziani',
      'dei contributi per il sostegno al reddito',
      'del progetto pensionati',
      'delle graduatorie per l\'edilizia residenziale pubblica',
      'del servizio pasti a domicilio',
      'dei progetti di inclusione sociale',
      'del trasporto sociale',
      'dei bandi per il contributo affitti',
    ],
    fasi: [
      { s: 2, t: 'Pubblicazione dell\'avviso pubblico' },
      { s: 2, t: 'Raccolta delle domande' },
      { s: 3, t: 'Valutazione del bisogno da parte dell\'assistente sociale' },
      { s: 3, t: 'Formazione della graduatoria' },
      { s: 4, t: 'Erogazione dei contributi' },
      { s: 4, t: 'Svolgimento di incontri settimanali' },
    ],
    indicatori: ['Numero di utenti presi in carico', 'Contributi erogati entro i termini', 'Svolgimento di incontri settimanali'],
    target: ['Valore sociale di ritrovamento per gli anziani residenti', 'Sostegno alle famiglie in difficoltà', 'Presa in carico di almeno {n} nuclei familiari', 'Servizio alle famiglie'],
  },
  {
    id: 'istruzione',
    settore: 'Settore Istruzione e Cultura',
    servizi: [
      ['Servizio assistenziale, culturale e scolastico', ['Istruzione;', 'Cultura, biblioteca, sport, tempo libero;', 'Trasporto scolastico.']],
      ['Servizio biblioteca', ['Prestito e consultazione;', 'Promozione della lettura;', 'Sistema bibliotecario intercomunale.']],
    ],
    soggetti: [
      'del piano di diritto allo studio a.s. {a}/{a1}',
      'del servizio di refezione scolastica',
      'del trasporto scolastico',
      'del giro pullmino a seguito di convenzione',
      'delle iscrizioni on line ai servizi scolastici',
      'della rassegna culturale estiva',
      'del patrimonio librario della biblioteca',
      'dei centri ricreativi estivi',
    ],
    fasi: [
      { s: 2, t: 'Organizzazione delle attività scolastiche' },
      { s: 2, t: 'Raccolta delle iscrizioni on line' },
      { s: 3, t: 'Predisposizione del documento' },
      { s: 3, t: 'Approvazione in Consiglio Comunale' },
      { s: 4, t: 'Organizzazione del giro pullmino' },
      { s: 4, t: 'Svolgimento degli eventi' },
    ],
    indicatori: ['Approvazione con deliberazione di Consiglio Comunale', 'Numero di iscritti ai servizi scolastici', 'Numero di prestiti della biblioteca', 'Trasporto alunni alle scuole'],
    target: ['Informazione alla cittadinanza', 'Servizio alle famiglie', 'Partecipazione di almeno {n} bambini', 'Incremento dei prestiti del {p}%'],
  },
  {
    id: 'polizia_locale',
    settore: 'Settore Polizia Locale',
    servizi: [
      ['Servizio Polizia Locale', ['Polizia stradale;', 'Polizia amministrativa e commerciale;', 'Polizia giudiziaria.']],
    ],
    soggetti: [
      'dei controlli sulla sicurezza stradale',
      'delle sanzioni al Codice della Strada',
      'del sistema di videosorveglianza',
      'dei controlli sul commercio su aree pubbliche',
      'della presenza sul territorio nelle ore serali',
      'dell\'educazione stradale nelle scuole',
    ],
    fasi: [
      { s: 2, t: 'Pianificazione dei servizi di pattugliamento' },
      { s: 3, t: 'Svolgimento dei controlli' },
      { s: 3, t: 'Notifica dei verbali' },
      { s: 4, t: 'Gestione dei ricorsi' },
    ],
    indicatori: ['Numero di servizi di controllo effettuati', 'Verbali notificati entro 90 giorni', 'Numero di interventi nelle scuole'],
    target: ['Sicurezza urbana', 'Notifica del {p}% dei verbali entro i termini', 'Almeno {n} servizi serali nell\'anno'],
  },
  {
    id: 'ragioneria',
    settore: 'Settore Economico – Finanziario',
    servizi: [
      ['Servizio contabile, tributario, gestione economica del personale', ['Finanziari;', 'Tributi;', 'Gestione economica del personale.']],
      ['Servizio Ragioneria', ['Bilancio e rendiconto;', 'Contabilità economico-patrimoniale;', 'Rapporti con il Revisore dei conti.']],
    ],
    soggetti: [
      'del bilancio di previsione {a}-{a2}',
      'del rendiconto della gestione {a1p}',
      'dei residui attivi e passivi',
      'della contabilità economico-patrimoniale',
      'dei pagamenti tramite SIOPE+',
      'della certificazione dei crediti sulla Piattaforma dei crediti commerciali',
      'degli obiettivi del PEG',
    ],
    fasi: [
      { s: 1, t: 'Approvazione PEG' },
      { s: 2, t: 'Gestione delle entrate e delle spese relative ai capitoli assegnati' },
      { s: 2, t: 'Riaccertamento ordinario dei residui' },
      { s: 3, t: 'Liquidazione' },
      { s: 3, t: 'Pagamento' },
      { s: 4, t: 'Trasmissione alla BDAP' },
    ],
    indicatori: ['Grado di raggiungimento degli obiettivi concordati in sede di definizione del Peg', 'Approvazione entro i termini di legge', 'Indicatore di tempestività dei pagamenti'],
    target: ['Efficienza della PA', 'Equilibri di bilancio', 'Approvazione entro il termine di legge'],
  },
  {
    id: 'segreteria',
    settore: 'Settore Amministrativo',
    servizi: [
      ['Servizio Segreteria e Affari Generali', ['Segreteria e Affari generali', 'Protocollo', 'Servizi cimiteriali', 'Gestione giuridica del personale', 'Servizi informativi']],
      ['Ufficio Protocollo e Archivio', ['Protocollo informatico;', 'Gestione documentale;', 'Conservazione digitale.']],
    ],
    soggetti: [
      'del sito istituzionale del Comune',
      'del protocollo informatico',
      'delle deliberazioni e delle determinazioni',
      'della posta mediante bolgetta per gli uffici comunali',
      'della consegna della posta a mano',
      'del manuale di gestione documentale',
      'dei contratti in forma pubblica amministrativa',
      'delle concessioni cimiteriali',
      'dell\'albo pretorio on line',
    ],
    fasi: [
      { s: 2, t: 'Ricezione notizie' },
      { s: 3, t: 'Pubblicazione sul sito' },
      { s: 2, t: 'Ricezione lettere' },
      { s: 3, t: 'Spedizione' },
      { s: 3, t: 'Protocollazione e smistamento' },
      { s: 4, t: 'Conservazione a norma' },
    ],
    indicatori: ['Pubblicazione sul sito', 'Spedizione mediante bolgetta', 'Consegna al destinatario', 'Numero di atti pubblicati'],
    target: ['Informazione alla cittadinanza', 'Corretto funzionamento della comunicazione tra uffici comunali e cittadini, imprese o altre amministrazioni', 'Facilitazione della comunicazione tra uffici comunali e cittadini'],
  },
  {
    id: 'personale',
    settore: 'Settore Risorse Umane',
    servizi: [
      ['Servizio Personale', ['Gestione giuridica del personale;', 'Relazioni sindacali;', 'Formazione.']],
    ],
    soggetti: [
      'del piano dei fabbisogni di personale',
      'del piano della formazione',
      'delle procedure di assunzione mediante liste di collocamento',
      'del sistema di misurazione e valutazione della performance',
      'del lavoro agile',
      'del contratto decentrato integrativo',
    ],
    fasi: [
      { s: 1, t: 'Assegnazione formazione o affiancamento' },
      { s: 2, t: 'Avvio della procedura di assunzione' },
      { s: 3, t: 'Svolgimento delle prove selettive' },
      { s: 3, t: 'Confronto con le organizzazioni sindacali' },
      { s: 4, t: 'Acquisizione di competenze e conoscenze' },
      { s: 4, t: 'Sottoscrizione del contratto individuale' },
    ],
    indicatori: ['Acquisizione di competenze e conoscenze', 'Ore di formazione pro capite', 'Termine delle procedure di assunzione'],
    target: ['Miglioramento del servizio', 'Velocizzazione delle procedure di assunzione', 'Almeno {n} ore di formazione per dipendente'],
  },
  {
    id: 'digitale',
    settore: 'Settore Innovazione e Transizione Digitale',
    servizi: [
      ['Servizio sistemi informativi', ['Servizi informativi;', 'Sicurezza informatica;', 'Transizione digitale.']],
      ['Ufficio PNRR', ['Misure PA digitale 2026;', 'Rendicontazione PNRR;', 'Rapporti con il Dipartimento per la trasformazione digitale.']],
    ],
    soggetti: [
      'degli obiettivi PA digitale 2026',
      'della migrazione dei servizi al cloud (Misura 1.2 PNRR)',
      'dell\'integrazione con la piattaforma PagoPA (Misura 1.4.3)',
      'dell\'app IO (Misura 1.4.3)',
      'dell\'identità digitale SPID e CIE (Misura 1.4.4)',
      'della Piattaforma Digitale Nazionale Dati (Misura 1.3.1)',
      'dell\'esperienza del cittadino nei servizi pubblici digitali (Misura 1.4.1)',
      'delle notifiche digitali tramite SEND (Misura 1.4.5)',
      'della sicurezza informatica delle postazioni di lavoro',
    ],
    fasi: [
      { s: 1, t: 'Candidatura all\'avviso sulla piattaforma PA digitale 2026' },
      { s: 2, t: 'Contrattualizzazione del fornitore' },
      { s: 3, t: 'Formazione, Implementazione, Completezza, Utilizzo, Sviluppo degli strumenti acquisiti' },
      { s: 3, t: 'Attivazione dei servizi' },
      { s: 4, t: 'Asseverazione tecnica' },
      { s: 5, t: 'Richiesta di erogazione del finanziamento' },
    ],
    indicatori: ['Corretto funzionamento della strumentazione PA digitale 2026', 'Numero di servizi migrati', 'Numero di servizi attivati su app IO', 'Esito positivo dell\'asseverazione'],
    target: ['Digitalizzazione', 'Digitalizzazione dell\'Ente', 'Attivazione di almeno {n} servizi', 'Ottenimento del finanziamento PNRR'],
  },
  {
    id: 'ambiente',
    settore: 'Settore Ambiente ed Ecologia',
    servizi: [
      ['Servizio ambiente', ['Igiene urbana;', 'Raccolta differenziata;', 'Tutela del territorio.']],
    ],
    soggetti: [
      'della raccolta differenziata porta a porta',
      'del centro di raccolta comunale',
      'dei controlli sugli scarichi',
      'del Piano comunale di protezione civile',
      'della lotta alle zanzare e alle infestazioni',
      'degli abbandoni di rifiuti',
    ],
    fasi: [
      { s: 2, t: 'Campagna informativa alle utenze' },
      { s: 3, t: 'Distribuzione dei contenitori' },
      { s: 3, t: 'Controlli sul conferimento' },
      { s: 4, t: 'Esercitazione di protezione civile' },
    ],
    indicatori: ['Percentuale di raccolta differenziata', 'Numero di controlli effettuati', 'Aggiornamento del piano approvato'],
    target: ['Raccolta differenziata superiore al {p}%', 'Tutela dell\'ambiente', 'Sicurezza della popolazione'],
  },
  {
    id: 'suap',
    settore: 'Settore Attività Produttive e SUAP',
    servizi: [
      ['Sportello Unico per le Attività Produttive', ['SUAP;', 'Commercio;', 'Pubblici esercizi.']],
    ],
    soggetti: [
      'delle pratiche SUAP telematiche',
      'del mercato settimanale',
      'delle autorizzazioni per i pubblici esercizi',
      'delle manifestazioni e fiere',
      'del distretto del commercio',
    ],
    fasi: [
      { s: 2, t: 'Ricezione delle pratiche tramite portale impresainungiorno' },
      { s: 3, t: 'Conferenza di servizi' },
      { s: 3, t: 'Assegnazione dei posteggi' },
      { s: 4, t: 'Rilascio dell\'autorizzazione' },
    ],
    indicatori: ['Pratiche SUAP concluse nei termini', 'Numero di posteggi assegnati', 'Tempo medio di conclusione delle pratiche'],
    target: ['Sostegno alle attività economiche', 'Conclusione delle pratiche entro {g} giorni'],
  },
  {
    id: 'sport',
    settore: 'Settore Sport e Tempo Libero',
    servizi: [
      ['Servizio sport', ['Impianti sportivi;', 'Associazionismo;', 'Eventi sportivi.']],
    ],
    soggetti: [
      'delle concessioni degli impianti sportivi',
      'dei contributi alle associazioni sportive',
      'della festa dello sport',
      'della palestra comunale',
    ],
    fasi: [
      { s: 2, t: 'Pubblicazione del bando di concessione' },
      { s: 3, t: 'Valutazione delle offerte' },
      { s: 4, t: 'Stipula della convenzione' },
    ],
    indicatori: ['Ore di utilizzo degli impianti', 'Numero di associazioni coinvolte'],
    target: ['Promozione della pratica sportiva', 'Coinvolgimento di almeno {n} associazioni'],
  },
];

export const QUALIFICHE_AREA = ['Nord', 'Sud', 'Centro', 'Est', 'Ovest', 'Municipio II', 'Municipio III', 'Municipio IV', 'Progetti speciali', 'Coordinamento'];

export const NOMI_M = ['Marco', 'Giuseppe', 'Luca', 'Andrea', 'Francesco', 'Alessandro', 'Matteo', 'Stefano', 'Paolo', 'Roberto', 'Davide', 'Emilio', 'Gianmario', 'Lorenzo', 'Simone', 'Riccardo', 'Fabio', 'Claudio', 'Massimo', 'Pietro', 'Giovanni', 'Antonio', 'Mauro', 'Daniele', 'Enrico', 'Carlo', 'Alberto', 'Sergio', 'Franco', 'Gabriele'];
export const NOMI_F = ['Sonia', 'Vanda', 'Carla', 'Manuela', 'Antonietta', 'Giulia', 'Francesca', 'Chiara', 'Sara', 'Laura', 'Valentina', 'Elena', 'Silvia', 'Paola', 'Anna', 'Maria', 'Federica', 'Monica', 'Roberta', 'Cristina', 'Barbara', 'Daniela', 'Elisa', 'Alessandra', 'Marta', 'Lucia', 'Giovanna', 'Fabiola Ester', 'Rosanna', 'Patrizia'];
export const COGNOMI = ['Rossi', 'Bianchi', 'Ferrari', 'Russo', 'Colombo', 'Romano', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', 'D\'Angelo', 'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini', 'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti', 'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani', 'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Martino', 'Fiore', 'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori', 'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', 'D\'Amico', 'Orlando', 'Damico', 'Negri', 'Pagani', 'Massari', 'Moreni', 'Stefanoni', 'Stelluti', 'Falavigna', 'Coti Zelati', 'Milanese', 'Zanetti', 'Bonetti', 'Ghisalberti', 'Pedrazzini', 'Tagliaferri', 'Bertolotti', 'Scaglioni', 'Vailati', 'Zucchi', 'Ferrabue'];
export const TITOLI_M = ['Dott.', 'Geom.', 'Arch.', 'Ing.', 'Rag.', 'Avv.'];
export const TITOLI_F = ['Dott.ssa', 'Geom.', 'Arch.', 'Ing.', 'Rag.', 'Avv.'];
export const QUALIFICHE = ['Istruttore amministrativo', 'Istruttore direttivo', 'Istruttore tecnico', 'Collaboratore amministrativo', 'Operatore esperto', 'Agente di Polizia Locale', 'Assistente sociale', 'Istruttore contabile'];

export const PROVINCE = [['Cremona', 'CR'], ['Brescia', 'BS'], ['Bergamo', 'BG'], ['Lodi', 'LO'], ['Mantova', 'MN'], ['Pavia', 'PV'], ['Piacenza', 'PC'], ['Parma', 'PR'], ['Verona', 'VR'], ['Vicenza', 'VI'], ['Cuneo', 'CN'], ['Novara', 'NO']];
export const PREFISSI_COMUNE = ['San', 'Castel', 'Borgo', 'Villa', 'Monte', 'Ponte', 'Torre', 'Casal', 'Roncò', 'Pieve'];
export const RADICI_COMUNE = ['morano', 'vetro', 'maggiore', 'fiorito', 'rotto', 'nuovo', 'leone', 'bianco', 'franco', 'verde', 'gerola', 'buttano'];
export const SUFFISSI_COMUNE = ['', '', ' sul Serio', ' d\'Adda', ' Po', ' al Brembo', ' Cremasco', ' Lodigiano', ' Val Tidone'];
export const COMUNI_CONVENZIONE = ['Azzanello', 'Genivolta', 'Torre Pallavicina', 'Castelvisconti', 'Soresina', 'Casalbuttano', 'Annicco', 'Paderno Ponchielli', 'Trigolo', 'Cumignano sul Naviglio'];

export const INTRO_PARAGRAFI = [
  'Tale ambito programmatico va predisposto secondo le logiche di *performance management*, di cui al Capo II del decreto legislativo n. 150 del 2009.',
  'Il Ciclo della Performance è disciplinato dal D. Lgs. 27 ottobre 2009 n. 150, in materia di ottimizzazione della produttività del lavoro pubblico e di efficienza e trasparenza delle pubbliche amministrazioni.',
  'Il piano dettagliato degli obiettivi di cui all\'art. 108, comma 1, del TUEL e il piano della performance di cui all\'art. 10 del decreto legislativo 27 ottobre 2009, n. 150, sono unificati organicamente nel PIAO.',
  'Il Sistema di misurazione e valutazione della performance costituisce uno strumento essenziale per il miglioramento dei servizi pubblici e svolge un ruolo fondamentale nella definizione e nella verifica del raggiungimento degli obiettivi dell\'amministrazione.',
  'Gli obiettivi assegnati devono essere appropriati, sfidanti e misurabili; il piano è ispirato ai principi di trasparenza, immediata intelligibilità, veridicità e verificabilità dei contenuti.',
  'L\'analisi della performance espressa dall\'Ente si articola in due momenti fortemente connessi: la programmazione degli obiettivi e la loro valutazione.',
  'Gli obiettivi sono coerenti con le linee programmatiche di mandato e con la Sezione Operativa del **Documento Unico di Programmazione**.',
  'Una parte degli obiettivi concorre all\'attuazione delle misure del *Piano Nazionale di Ripresa e Resilienza* finanziate all\'Ente.',
];

export const INTRO_ELENCO = [
  'riformulare e comunicare gli obiettivi strategici e operativi;',
  'verificare che gli obiettivi strategici e operativi siano stati conseguiti;',
  'informare e guidare i processi decisionali;',
  'gestire più efficacemente le risorse ed i processi organizzativi;',
  'influenzare e valutare i comportamenti di gruppi ed individui;',
  'rafforzare l\'*accountability* e la responsabilità a diversi livelli gerarchici;',
  'incoraggiare il miglioramento continuo e l\'apprendimento organizzativo.',
];

export const CITAZIONE_4BIS = '> “*Le amministrazioni pubbliche* di cui all\'articolo 1, comma 2, del decreto legislativo 30 marzo 2001, n. 165, nell\'ambito dei sistemi di valutazione della performance previsti dai rispettivi ordinamenti, provvedono ad assegnare ai dirigenti responsabili dei pagamenti delle fatture commerciali specifici obiettivi annuali relativi al rispetto dei tempi di pagamento previsti dalle vigenti disposizioni e valutati, ai fini del riconoscimento della retribuzione di risultato, in misura non inferiore al 30 per cento.”';

export const FUNZIONI_SEGRETARIO = [
  'Il comune e la provincia hanno un segretario titolare dipendente dall\'Agenzia autonoma per la gestione dell\'albo dei segretari comunali e provinciali.',
  'Il segretario comunale e provinciale svolge compiti di collaborazione e funzioni di assistenza giuridico-amministrativa nei confronti degli organi dell\'ente.',
  'Il segretario sovrintende allo svolgimento delle funzioni dei dirigenti e ne coordina l\'attività.',
  'Partecipa con funzioni consultive, referenti e di assistenza alle riunioni del consiglio e della giunta e ne cura la verbalizzazione.',
  'Roga, su richiesta dell\'ente, i contratti nei quali l\'ente è parte e autentica scritture private ed atti unilaterali nell\'interesse dell\'ente.',
  'Esercita ogni altra funzione attribuitagli dallo statuto o dai regolamenti, o conferitagli dal sindaco.',
];

export const OBIETTIVI_SEGRETARIO = [
  { titolo: 'Redazione del PIAO (Piano Integrato di Attività e Organizzazione)', descrizione: 'Redazione del PIAO quale documento integrato di programmazione dell\'Ente Locale', fasi: ['Predisposizione bozza di PIAO secondo le indicazioni dell\'Amministrazione', 'Predisposizione deliberazione di approvazione', 'Pubblicazione', 'Eventuali modifiche successive necessarie'], indicatori: ['Approvazione PIAO con deliberazione di Giunta Comunale'], target: 'Programmazione' },
  { titolo: 'Controlli successivi di regolarità amministrativa', descrizione: 'Svolgimento dei controlli successivi sugli atti secondo il regolamento sui controlli interni', fasi: ['Estrazione del campione di atti', 'Esame degli atti', 'Relazione semestrale agli organi'], indicatori: ['Numero di atti controllati'], target: 'Legittimità dell\'azione amministrativa' },
  { titolo: 'Aggiornamento della sezione Rischi corruttivi e trasparenza', descrizione: 'Aggiornamento della mappatura dei processi e delle misure di prevenzione della corruzione', fasi: ['Mappatura dei processi', 'Valutazione del rischio', 'Individuazione delle misure'], indicatori: ['Approvazione della sottosezione nei termini'], target: 'Prevenzione della corruzione' },
  { titolo: 'Redazione PTI (piano triennale dell\'informatica)', descrizione: 'Redazione del PTI aggiornato al Piano triennale nazionale', fasi: ['Predisposizione documento'], indicatori: ['Approvazione PTI con deliberazione di Giunta Comunale'], target: 'Digitalizzazione dell\'Ente' },
];

export const NOTE_TERMINE = ['salvo proroghe di legge', 'compatibilmente con l\'erogazione del finanziamento', 'prima della scadenza della prima rata', 'secondo il cronoprogramma PNRR', 'in coerenza con il calendario scolastico'];
