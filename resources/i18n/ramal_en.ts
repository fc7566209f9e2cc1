<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pt_BR">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>Sobre o Ramal</source>
      <translation>About Ramal</translation>
    </message>
    <message>
      <source>(pacote instalado)</source>
      <translation>(installed package)</translation>
    </message>
    <message>
      <source>Componente</source>
      <translation>Component</translation>
    </message>
    <message>
      <source>Versão</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Licença</source>
      <translation>Licence</translation>
    </message>
    <message>
      <source>Código-fonte</source>
      <translation>Source code</translation>
    </message>
    <message>
      <source>Texto da licença:</source>
      <translation>Licence text:</translation>
    </message>
    <message>
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Copiar informações</source>
      <translation>Copy information</translation>
    </message>
    <message>
      <source>Copia versões e licenças, para enviar ao suporte</source>
      <translation>Copies versions and licences, to send to support</translation>
    </message>
    <message>
      <source>Copiado</source>
      <translation>Copied</translation>
    </message>
  </context>
  <context>
    <name>ActionResultPanel</name>
    <message>
      <source>Tentar de novo</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>Enviar no WhatsApp</source>
      <translation>Send on WhatsApp</translation>
    </message>
    <message>
      <source>Aguardando o IXC…</source>
      <translation>Waiting for IXC…</translation>
    </message>
  </context>
  <context>
    <name>AttendanceDialog</name>
    <message>
      <source>Registrar atendimento</source>
      <translation>Log attendance</translation>
    </message>
    <message>
      <source>Protocolo aberto durante a ligação: {protocol}. Registrar completa este mesmo chamado.</source>
      <translation>Protocol opened during the call: {protocol}. Logging completes this same ticket.</translation>
    </message>
    <message>
      <source>Vai no chamado: {evidence}</source>
      <translation>Goes into the ticket: {evidence}</translation>
    </message>
    <message>
      <source>Buscar assunto (ex.: sem conexão)</source>
      <translation>Search subject (e.g. no connection)</translation>
    </message>
    <message>
      <source>Assunto</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>Escolha o setor…</source>
      <translation>Choose the sector…</translation>
    </message>
    <message>
      <source>Setor</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Baixa</source>
      <translation>Low</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normal</translation>
    </message>
    <message>
      <source>Alta</source>
      <translation>High</translation>
    </message>
    <message>
      <source>Crítica</source>
      <translation>Critical</translation>
    </message>
    <message>
      <source>Prioridade</source>
      <translation>Priority</translation>
    </message>
    <message>
      <source>O que o cliente relatou e o que foi feito</source>
      <translation>What the customer reported and what was done</translation>
    </message>
    <message>
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Resolvido na ligação</source>
      <translation>Solved on the call</translation>
    </message>
    <message>
      <source>O atendimento é aberto e finalizado no IXC de uma vez</source>
      <translation>The ticket is opened and closed in IXC at once</translation>
    </message>
    <message>
      <source>Por que registrar sem essa verificação</source>
      <translation>Why log without this check</translation>
    </message>
    <message>
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Copiar protocolo</source>
      <translation>Copy protocol</translation>
    </message>
    <message>
      <source>Tentar de novo</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>Registrar</source>
      <translation>Log</translation>
    </message>
    <message>
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Ligação</source>
      <translation>Call</translation>
    </message>
    <message>
      <source>Atendimento sem ligação registrada.</source>
      <translation>Attendance without a recorded call.</translation>
    </message>
    <message>
      <source>Número</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>Número oculto</source>
      <translation>Withheld number</translation>
    </message>
    <message>
      <source>Início</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>A ligação foi atendida em outro aparelho: informe quanto tempo durou a conversa</source>
      <translation>The call was answered on another device: enter how long the conversation lasted</translation>
    </message>
    <message>
      <source>Duração</source>
      <translation>Duration</translation>
    </message>
    <message>
      <source>Sentido</source>
      <translation>Direction</translation>
    </message>
    <message>
      <source>Ramal</source>
      <translation>Extension</translation>
    </message>
    <message>
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <source>Nenhum contrato</source>
      <translation>No contract</translation>
    </message>
    <message>
      <source>Nenhum login</source>
      <translation>No login</translation>
    </message>
    <message>
      <source>Nenhum cliente escolhido na ficha.</source>
      <translation>No customer chosen in the card.</translation>
    </message>
    <message>
      <source>Código {id}</source>
      <translation>Code {id}</translation>
    </message>
    <message>
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Contrato</source>
      <translation>Contract</translation>
    </message>
    <message>
      <source>Login</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>Nenhuma seção da ficha (OS, financeiro, conexão) foi verificada durante a ligação.</source>
      <translation>No section of the card (service orders, billing, connection) was checked during the call.</translation>
    </message>
    <message>
      <source>Seções verificadas na ficha: {sections}.</source>
      <translation>Card sections checked: {sections}.</translation>
    </message>
    <message>
      <source>Nenhum assunto encontrado.</source>
      <translation>No subject found.</translation>
    </message>
    <message>
      <source>A lista de assuntos do IXC ainda não foi carregada.</source>
      <translation>IXC's subject list has not been loaded yet.</translation>
    </message>
    <message>
      <source>contrato</source>
      <translation>contract</translation>
    </message>
    <message>
      <source>login</source>
      <translation>login</translation>
    </message>
    <message>
      <source>Assunto: {label}</source>
      <translation>Subject: {label}</translation>
    </message>
    <message>
      <source>exige {what}</source>
      <translation>requires {what}</translation>
    </message>
    <message>
      <source> e </source>
      <translation> and </translation>
    </message>
    <message>
      <source>Escolha o cliente na ficha antes de registrar.</source>
      <translation>Choose the customer in the card before logging.</translation>
    </message>
    <message>
      <source>Escolha o assunto.</source>
      <translation>Choose the subject.</translation>
    </message>
    <message>
      <source>Escolha o setor.</source>
      <translation>Choose the sector.</translation>
    </message>
    <message>
      <source>Descreva o atendimento.</source>
      <translation>Describe the attendance.</translation>
    </message>
    <message>
      <source>A descrição passou de {n} caracteres.</source>
      <translation>The description is longer than {n} characters.</translation>
    </message>
    <message>
      <source>Este assunto exige um contrato.</source>
      <translation>This subject requires a contract.</translation>
    </message>
    <message>
      <source>Este assunto exige um login.</source>
      <translation>This subject requires a login.</translation>
    </message>
    <message>
      <source>Este assunto exige um processo, mas não tem processo padrão no IXC: escolha outro assunto.</source>
      <translation>This subject requires a workflow process but has no default process in IXC: choose another subject.</translation>
    </message>
    <message>
      <source>registrando</source>
      <translation>logging</translation>
    </message>
    <message>
      <source>Guardando o atendimento…</source>
      <translation>Saving the attendance…</translation>
    </message>
    <message>
      <source>não registrado</source>
      <translation>not logged</translation>
    </message>
    <message>
      <source>enviado</source>
      <translation>sent</translation>
    </message>
    <message>
      <source>Registrado no IXC. Protocolo: {protocol}</source>
      <translation>Logged in IXC. Protocol: {protocol}</translation>
    </message>
    <message>
      <source>Registrado no IXC.</source>
      <translation>Logged in IXC.</translation>
    </message>
    <message>
      <source>falhou</source>
      <translation>failed</translation>
    </message>
    <message>
      <source>Não foi registrado no IXC: {reason}</source>
      <translation>Not logged in IXC: {reason}</translation>
    </message>
    <message>
      <source>motivo desconhecido</source>
      <translation>unknown reason</translation>
    </message>
    <message>
      <source>enviando</source>
      <translation>sending</translation>
    </message>
    <message>
      <source>Enviando ao IXC…</source>
      <translation>Sending to IXC…</translation>
    </message>
    <message>
      <source>pendente</source>
      <translation>pending</translation>
    </message>
    <message>
      <source>Guardado; será enviado ao IXC assim que possível. Pode fechar esta janela.</source>
      <translation>Saved; it will be sent to IXC as soon as possible. You may close this window.</translation>
    </message>
    <message>
      <source>Última tentativa: {error} Nova tentativa às {when}.</source>
      <translation>Last attempt: {error} Next attempt at {when}.</translation>
    </message>
  </context>
  <context>
    <name>AudioSettingsPage</name>
    <message>
      <source>Toque padrão do Ramal</source>
      <translation>Ramal's default ringtone</translation>
    </message>
    <message>
      <source>Escolher…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Tocar também no modo acompanhante</source>
      <translation>Also ring in companion mode</translation>
    </message>
    <message>
      <source>Testar</source>
      <translation>Test</translation>
    </message>
    <message>
      <source>Nível do microfone</source>
      <translation>Microphone level</translation>
    </message>
    <message>
      <source>Fone / alto-falante</source>
      <translation>Headset / speaker</translation>
    </message>
    <message>
      <source>Volume do fone</source>
      <translation>Headset volume</translation>
    </message>
    <message>
      <source>Microfone</source>
      <translation>Microphone</translation>
    </message>
    <message>
      <source>Volume do microfone</source>
      <translation>Microphone volume</translation>
    </message>
    <message>
      <source>Campainha (onde o toque soa)</source>
      <translation>Ringer (where the ringtone plays)</translation>
    </message>
    <message>
      <source>Volume da campainha</source>
      <translation>Ringer volume</translation>
    </message>
    <message>
      <source>Toque</source>
      <translation>Ringtone</translation>
    </message>
    <message>
      <source>Padrão do sistema</source>
      <translation>System default</translation>
    </message>
    <message>
      <source>{name} (desconectado)</source>
      <translation>{name} (disconnected)</translation>
    </message>
    <message>
      <source>Escolher toque</source>
      <translation>Choose ringtone</translation>
    </message>
    <message>
      <source>Áudio WAV (*.wav)</source>
      <translation>WAV audio (*.wav)</translation>
    </message>
    <message>
      <source>Tocando em “{speaker}”. Fale no microfone “{microphone}”: a barra deve se mexer.</source>
      <translation>Playing on “{speaker}”. Speak into the microphone “{microphone}”: the bar should move.</translation>
    </message>
  </context>
  <context>
    <name>CallPanel</name>
    <message>
      <source>Nenhuma chamada em andamento.</source>
      <translation>No calls in progress.</translation>
    </message>
  </context>
  <context>
    <name>CallRow</name>
    <message>
      <source>Atender</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Recusar</source>
      <translation>Decline</translation>
    </message>
    <message>
      <source>Espera</source>
      <translation>Hold</translation>
    </message>
    <message>
      <source>Mudo</source>
      <translation>Mute</translation>
    </message>
    <message>
      <source>Teclado</source>
      <translation>Keypad</translation>
    </message>
    <message>
      <source>Transferir</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>Completar transferência</source>
      <translation>Complete transfer</translation>
    </message>
    <message>
      <source>Cancelar consulta</source>
      <translation>Cancel consultation</translation>
    </message>
    <message>
      <source>Desligar</source>
      <translation>Hang up</translation>
    </message>
    <message>
      <source>Outro número…</source>
      <translation>Other number…</translation>
    </message>
    <message>
      <source>Consultar antes (assistida)</source>
      <translation>Consult first (attended)</translation>
    </message>
    <message>
      <source>Outro ramal…</source>
      <translation>Another extension…</translation>
    </message>
    <message>
      <source>Número oculto</source>
      <translation>Withheld number</translation>
    </message>
    <message>
      <source>Consulta com {sector}</source>
      <translation>Consulting {sector}</translation>
    </message>
    <message>
      <source>Tocando</source>
      <translation>Ringing</translation>
    </message>
    <message>
      <source>Chamando…</source>
      <translation>Calling…</translation>
    </message>
    <message>
      <source>Em chamada</source>
      <translation>In call</translation>
    </message>
    <message>
      <source>Encerrada</source>
      <translation>Ended</translation>
    </message>
    <message>
      <source>em espera</source>
      <translation>on hold</translation>
    </message>
    <message>
      <source>mudo</source>
      <translation>muted</translation>
    </message>
    <message>
      <source>em consulta</source>
      <translation>consulting</translation>
    </message>
    <message>
      <source>Retomar</source>
      <translation>Resume</translation>
    </message>
    <message>
      <source>Enviar tons (DTMF)</source>
      <translation>Send tones (DTMF)</translation>
    </message>
    <message>
      <source>Dígitos:</source>
      <translation>Digits:</translation>
    </message>
    <message>
      <source>Ramal ou número:</source>
      <translation>Extension or number:</translation>
    </message>
    <message>
      <source>Transferência assistida</source>
      <translation>Attended transfer</translation>
    </message>
    <message>
      <source>Ramal ou número a consultar:</source>
      <translation>Extension or number to consult:</translation>
    </message>
  </context>
  <context>
    <name>CallbackList</name>
    <message>
      <source>Retornar ligação</source>
      <translation>Call back</translation>
    </message>
    <message>
      <source>Liga para o cliente; o atendimento do retorno fica ligado à chamada perdida</source>
      <translation>Calls the customer; the callback's attendance is linked to the missed call</translation>
    </message>
    <message>
      <source>Nenhuma ligação a retornar.</source>
      <translation>No calls to return.</translation>
    </message>
    <message>
      <source>Ligações a retornar: {n}</source>
      <translation>Calls to return: {n}</translation>
    </message>
    <message>
      <source>atendida em outro aparelho, sem registro</source>
      <translation>answered on another device, not logged</translation>
    </message>
    <message>
      <source>perdida</source>
      <translation>missed</translation>
    </message>
    <message>
      <source>{n} retorno(s) sem resposta, último às {when}</source>
      <translation>{n} unanswered callback(s), last at {when}</translation>
    </message>
  </context>
  <context>
    <name>ChecklistChips</name>
    <message>
      <source>Verificado:</source>
      <translation>Checked:</translation>
    </message>
    <message>
      <source>OS</source>
      <translation>Service orders</translation>
    </message>
    <message>
      <source>Financeiro</source>
      <translation>Billing</translation>
    </message>
    <message>
      <source>Conexão</source>
      <translation>Connection</translation>
    </message>
    <message>
      <source>Aberto nesta ligação</source>
      <translation>Opened on this call</translation>
    </message>
    <message>
      <source>Ainda não aberto nesta ligação</source>
      <translation>Not opened on this call yet</translation>
    </message>
  </context>
  <context>
    <name>CopyButton</name>
    <message>
      <source>Copiado ✓</source>
      <translation>Copied ✓</translation>
    </message>
  </context>
  <context>
    <name>CustomerBadges</name>
    <message>
      <source>Financeiro em atraso: {amount} · {days} dia(s) · {count} fatura(s)</source>
      <translation>Overdue: {amount} · {days} day(s) · {count} invoice(s)</translation>
    </message>
    <message>
      <source>Desbloqueio de confiança</source>
      <translation>Trust unlock</translation>
    </message>
    <message>
      <source>Contratos indisponíveis</source>
      <translation>Contracts unavailable</translation>
    </message>
    <message>
      <source>Sem contrato</source>
      <translation>No contract</translation>
    </message>
    <message>
      <source>Contrato inativo</source>
      <translation>Inactive contract</translation>
    </message>
    <message>
      <source>Velocidade reduzida</source>
      <translation>Reduced speed</translation>
    </message>
    <message>
      <source>Financeiro indisponível</source>
      <translation>Billing unavailable</translation>
    </message>
    <message>
      <source>Financeiro em dia</source>
      <translation>Billing up to date</translation>
    </message>
    <message>
      <source>Conexão indisponível</source>
      <translation>Connection unavailable</translation>
    </message>
    <message>
      <source>Sem login de conexão</source>
      <translation>No connection login</translation>
    </message>
    <message>
      <source>Online desde {since}</source>
      <translation>Online since {since}</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>Offline desde {since}</source>
      <translation>Offline since {since}</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Cliente inativo</source>
      <translation>Inactive customer</translation>
    </message>
    <message>
      <source>Ativo</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>OS aberta</source>
      <translation>Open service order</translation>
    </message>
    <message>
      <source>Bloqueado</source>
      <translation>Blocked</translation>
    </message>
    <message>
      <source>até {date}</source>
      <translation>until {date}</translation>
    </message>
    <message>
      <source>OS agendada {when}</source>
      <translation>Service order scheduled {when}</translation>
    </message>
    <message>
      <source>{count} OS abertas</source>
      <translation>{count} open service orders</translation>
    </message>
  </context>
  <context>
    <name>CustomerCard</name>
    <message>
      <source>Abrir no IXC</source>
      <translation>Open in IXC</translation>
    </message>
    <message>
      <source>Abre o cadastro do cliente no IXC, no navegador</source>
      <translation>Opens the customer's record in IXC, in the browser</translation>
    </message>
    <message>
      <source>(sem nome)</source>
      <translation>(no name)</translation>
    </message>
    <message>
      <source>Código {id}</source>
      <translation>Code {id}</translation>
    </message>
    <message>
      <source>carregando: {sections}…</source>
      <translation>loading: {sections}…</translation>
    </message>
    <message>
      <source>Resumo</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>OS</source>
      <translation>Orders</translation>
    </message>
    <message>
      <source>Buscando no IXC…</source>
      <translation>Searching IXC…</translation>
    </message>
    <message>
      <source>Nada registrado.</source>
      <translation>Nothing recorded.</translation>
    </message>
    <message>
      <source>Contato</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>Encontrado por: {how} ({stored})</source>
      <translation>Found by: {how} ({stored})</translation>
    </message>
    <message>
      <source>Financeiro</source>
      <translation>Billing</translation>
    </message>
    <message>
      <source>Próximo vencimento: {date} · {amount}</source>
      <translation>Next due: {date} · {amount}</translation>
    </message>
    <message>
      <source>Último pagamento: {date} · {amount}</source>
      <translation>Last payment: {date} · {amount}</translation>
    </message>
    <message>
      <source>Em atraso: {amount} em {count} fatura(s)</source>
      <translation>Overdue: {amount} in {count} invoice(s)</translation>
    </message>
    <message>
      <source>Nenhuma fatura.</source>
      <translation>No invoices.</translation>
    </message>
    <message>
      <source>Observações</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Nova ordem de serviço</source>
      <translation>New service order</translation>
    </message>
    <message>
      <source>aberta {date}</source>
      <translation>opened {date}</translation>
    </message>
    <message>
      <source>agendada {date}</source>
      <translation>scheduled {date}</translation>
    </message>
    <message>
      <source>finalizada {date}</source>
      <translation>closed {date}</translation>
    </message>
    <message>
      <source>Técnico: {name}</source>
      <translation>Technician: {name}</translation>
    </message>
    <message>
      <source>Protocolo: {protocol}</source>
      <translation>Protocol: {protocol}</translation>
    </message>
    <message>
      <source>Copiar protocolo</source>
      <translation>Copy protocol</translation>
    </message>
    <message>
      <source>Vencimento {date} · {amount} · {status}</source>
      <translation>Due {date} · {amount} · {status}</translation>
    </message>
    <message>
      <source>em atraso há {days} dia(s)</source>
      <translation>{days} day(s) overdue</translation>
    </message>
    <message>
      <source>Pago em {date}: {amount}</source>
      <translation>Paid on {date}: {amount}</translation>
    </message>
    <message>
      <source>Documento: {doc}</source>
      <translation>Document: {doc}</translation>
    </message>
    <message>
      <source>Copiar linha digitável</source>
      <translation>Copy boleto line</translation>
    </message>
    <message>
      <source>Copiar link de pagamento</source>
      <translation>Copy payment link</translation>
    </message>
    <message>
      <source>login desativado</source>
      <translation>login disabled</translation>
    </message>
    <message>
      <source>Conectado desde {date}</source>
      <translation>Connected since {date}</translation>
    </message>
    <message>
      <source>Desconectado desde {date}</source>
      <translation>Disconnected since {date}</translation>
    </message>
    <message>
      <source>Motivo da última queda: {reason}</source>
      <translation>Last disconnect reason: {reason}</translation>
    </message>
    <message>
      <source>Contrato {id}</source>
      <translation>Contract {id}</translation>
    </message>
    <message>
      <source>Situação: {status} · Acesso: {access} · Velocidade: {speed}</source>
      <translation>Status: {status} · Access: {access} · Speed: {speed}</translation>
    </message>
    <message>
      <source>ativado {date}</source>
      <translation>activated {date}</translation>
    </message>
    <message>
      <source>pago até {date}</source>
      <translation>paid until {date}</translation>
    </message>
    <message>
      <source>último bloqueio automático {date}</source>
      <translation>last automatic block {date}</translation>
    </message>
    <message>
      <source>Desbloqueio de confiança ativo até {date}</source>
      <translation>Trust unlock active until {date}</translation>
    </message>
    <message>
      <source>Parcelas em atraso: {n}</source>
      <translation>Overdue instalments: {n}</translation>
    </message>
    <message>
      <source>aberto {date}</source>
      <translation>opened {date}</translation>
    </message>
    <message>
      <source>Copiar PIX</source>
      <translation type="vanished">Copy PIX</translation>
    </message>
  </context>
  <context>
    <name>CustomerSearchBox</name>
    <message>
      <source>Nome, CPF/CNPJ ou telefone</source>
      <translation>Name, CPF/CNPJ or phone</translation>
    </message>
    <message>
      <source>Buscar</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>Buscando no IXC…</source>
      <translation>Searching IXC…</translation>
    </message>
    <message numerus="yes">
      <source>%n cliente(s) encontrado(s)</source>
      <translation>
        <numerusform>%n customer found</numerusform>
        <numerusform>%n customers found</numerusform>
      </translation>
    </message>
    <message>
      <source>Nenhum cliente encontrado.</source>
      <translation>No customer found.</translation>
    </message>
    <message>
      <source>Digite pelo menos 3 caracteres.</source>
      <translation>Type at least 3 characters.</translation>
    </message>
  </context>
  <context>
    <name>DialPad</name>
    <message>
      <source>Número ou ramal</source>
      <translation>Number or extension</translation>
    </message>
    <message>
      <source>Ligar</source>
      <translation>Call</translation>
    </message>
  </context>
  <context>
    <name>ForwardDialog</name>
    <message>
      <source>Encaminhar</source>
      <translation>Forward</translation>
    </message>
    <message>
      <source>cliente não identificado</source>
      <translation>unidentified customer</translation>
    </message>
    <message>
      <source>Caso de {who}</source>
      <translation>Case of {who}</translation>
    </message>
    <message>
      <source>ligação de {number}</source>
      <translation>call from {number}</translation>
    </message>
    <message>
      <source>número oculto</source>
      <translation>hidden number</translation>
    </message>
    <message>
      <source>Seções verificadas na ficha: {sections}.</source>
      <translation>Card sections checked: {sections}.</translation>
    </message>
    <message>
      <source>Nenhuma seção da ficha foi verificada.</source>
      <translation>No section of the card was checked.</translation>
    </message>
    <message>
      <source>Escolha o setor…</source>
      <translation>Choose the sector…</translation>
    </message>
    <message>
      <source>Setor</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Avisar no canal do Discord do setor</source>
      <translation>Post in the sector's Discord channel</translation>
    </message>
    <message>
      <source>Registrar no OPA e avisar os atendentes do setor</source>
      <translation>Record in OPA and notify the sector's attendants</translation>
    </message>
    <message>
      <source>Transferir a ligação</source>
      <translation>Transfer the call</translation>
    </message>
    <message>
      <source>Direta (sem consulta)</source>
      <translation>Blind (no consultation)</translation>
    </message>
    <message>
      <source>Assistida (falar antes com o setor)</source>
      <translation>Attended (talk to the sector first)</translation>
    </message>
    <message>
      <source>Destinos</source>
      <translation>Destinations</translation>
    </message>
    <message>
      <source>O que o setor precisa saber</source>
      <translation>What the sector needs to know</translation>
    </message>
    <message>
      <source>Observação</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>O setor não tem webhook do Discord configurado.</source>
      <translation>The sector has no Discord webhook configured.</translation>
    </message>
    <message>
      <source>O OPA não está configurado.</source>
      <translation>OPA is not configured.</translation>
    </message>
    <message>
      <source>O setor não tem departamento do OPA configurado.</source>
      <translation>The sector has no OPA department configured.</translation>
    </message>
    <message>
      <source>O setor não tem fila ou ramal para transferência.</source>
      <translation>The sector has no queue or extension to transfer to.</translation>
    </message>
    <message>
      <source>Não há ligação em andamento para transferir.</source>
      <translation>There is no call in progress to transfer.</translation>
    </message>
    <message>
      <source>Transferir a ligação para {target}</source>
      <translation>Transfer the call to {target}</translation>
    </message>
    <message>
      <source>A transferência assistida não está disponível nesta versão.</source>
      <translation>Attended transfer is not available in this version.</translation>
    </message>
    <message>
      <source>Escolha o setor.</source>
      <translation>Choose the sector.</translation>
    </message>
    <message>
      <source>Escolha ao menos um destino.</source>
      <translation>Choose at least one destination.</translation>
    </message>
    <message>
      <source>A observação passou de {n} caracteres.</source>
      <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
      <source>Encaminhando…</source>
      <translation>Forwarding…</translation>
    </message>
    <message>
      <source>Encaminhado. Os envios continuam mesmo se esta janela for fechada.</source>
      <translation>Forwarded. Sending continues even if this window is closed.</translation>
    </message>
    <message>
      <source>Nada foi enviado.</source>
      <translation>Nothing was sent.</translation>
    </message>
  </context>
  <context>
    <name>HistoryTableModel</name>
    <message>
      <source>Quando</source>
      <translation>When</translation>
    </message>
    <message>
      <source>Número</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <source>Situação</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Duração</source>
      <translation>Duration</translation>
    </message>
    <message>
      <source>Atendimento</source>
      <translation>Attendance</translation>
    </message>
    <message>
      <source>Em andamento</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Transferida para {target}</source>
      <translation>Transferred to {target}</translation>
    </message>
    <message>
      <source>Transferida</source>
      <translation>Transferred</translation>
    </message>
    <message>
      <source>Atendida</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Perdida</source>
      <translation>Missed</translation>
    </message>
    <message>
      <source>Efetuada</source>
      <translation>Outgoing</translation>
    </message>
    <message>
      <source>Efetuada · ocupado/recusada</source>
      <translation>Outgoing · busy/declined</translation>
    </message>
    <message>
      <source>Efetuada · falhou</source>
      <translation>Outgoing · failed</translation>
    </message>
    <message>
      <source>Efetuada · não atendida</source>
      <translation>Outgoing · not answered</translation>
    </message>
    <message>
      <source>Número oculto</source>
      <translation>Withheld number</translation>
    </message>
    <message>
      <source>Registrado</source>
      <translation>Logged</translation>
    </message>
    <message>
      <source>Não registrado</source>
      <translation>Not logged</translation>
    </message>
    <message>
      <source>Realizada</source>
      <translation type="vanished">Outgoing</translation>
    </message>
  </context>
  <context>
    <name>HistoryView</name>
    <message>
      <source>Todas</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Perdidas</source>
      <translation>Missed</translation>
    </message>
    <message>
      <source>Atendidas</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Sem registro de atendimento</source>
      <translation>Not logged yet</translation>
    </message>
    <message>
      <source>Registrar atendimento</source>
      <translation>Log attendance</translation>
    </message>
    <message>
      <source>Encaminhar</source>
      <translation>Forward</translation>
    </message>
    <message>
      <source>Gravação</source>
      <translation>Recording</translation>
    </message>
    <message>
      <source>Ouvir ou salvar a gravação desta chamada no 3CX.</source>
      <translation>Listen to or save this call's recording in 3CX.</translation>
    </message>
    <message>
      <source>Escolha uma chamada na lista.</source>
      <translation>Choose a call in the list.</translation>
    </message>
    <message>
      <source>Esta chamada já foi registrada.</source>
      <translation>This call has already been logged.</translation>
    </message>
    <message>
      <source>Só chamadas atendidas são registradas.</source>
      <translation>Only answered calls are logged.</translation>
    </message>
    <message>
      <source>Registrar o atendimento desta chamada no IXC.</source>
      <translation>Log this call's attendance in IXC.</translation>
    </message>
    <message>
      <source>Encaminhar o caso desta chamada a um setor.</source>
      <translation>Forward this call's case to a sector.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Não perturbe</source>
      <translation>Do not disturb</translation>
    </message>
    <message>
      <source>Telefone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Histórico</source>
      <translation>History</translation>
    </message>
    <message>
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <source>Meu desempenho</source>
      <translation>My performance</translation>
    </message>
    <message>
      <source>&amp;Ramal</source>
      <translation>&amp;Ramal</translation>
    </message>
    <message>
      <source>&amp;Configurações…</source>
      <translation>&amp;Settings…</translation>
    </message>
    <message>
      <source>Exportar &amp;diagnóstico…</source>
      <translation>Export &amp;diagnostics…</translation>
    </message>
    <message>
      <source>Salva um .zip com os registros e a configuração, sem senhas, para o suporte</source>
      <translation>Saves a .zip with the logs and the configuration, without passwords, for support</translation>
    </message>
    <message>
      <source>S&amp;obre o Ramal</source>
      <translation>&amp;About Ramal</translation>
    </message>
    <message>
      <source>&amp;Sair</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Chamada</source>
      <translation>&amp;Call</translation>
    </message>
    <message>
      <source>Atender</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Recusar</source>
      <translation>Decline</translation>
    </message>
    <message>
      <source>Desligar</source>
      <translation>Hang up</translation>
    </message>
    <message>
      <source>Simular chamada</source>
      <translation>Simulate call</translation>
    </message>
    <message>
      <source>O chamador de demonstração liga para este ramal</source>
      <translation>The demo caller calls this extension</translation>
    </message>
    <message>
      <source>Próxima chamada: {label}</source>
      <translation>Next call: {label}</translation>
    </message>
    <message>
      <source>Desconectado</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Registrando o ramal…</source>
      <translation>Registering the extension…</translation>
    </message>
    <message>
      <source>Ramal registrado</source>
      <translation>Extension registered</translation>
    </message>
    <message>
      <source>Falha no registro</source>
      <translation>Registration failed</translation>
    </message>
  </context>
  <context>
    <name>NewContactBar</name>
    <message>
      <source>Nome de quem ligou</source>
      <translation>Caller's name</translation>
    </message>
    <message>
      <source>Cadastrar como lead no IXC</source>
      <translation>Register as a lead in IXC</translation>
    </message>
    <message>
      <source>Cadastra este número como um lead (contato do CRM) no IXC</source>
      <translation>Registers this number as a lead (CRM contact) in IXC</translation>
    </message>
    <message>
      <source>Cadastrar como novo contato</source>
      <translation>Register as a new contact</translation>
    </message>
    <message>
      <source>Cadastra este número como um novo contato (lead) no OPA</source>
      <translation>Registers this number as a new contact (lead) in OPA</translation>
    </message>
    <message>
      <source>Cadastrando no IXC…</source>
      <translation>Registering in IXC…</translation>
    </message>
    <message>
      <source>Cadastrando no OPA…</source>
      <translation>Registering in OPA…</translation>
    </message>
  </context>
  <context>
    <name>OutageBanner</name>
    <message>
      <source>Registrar como massiva</source>
      <translation>Log as mass outage</translation>
    </message>
    <message>
      <source>Roteiro</source>
      <translation>Script</translation>
    </message>
  </context>
  <context>
    <name>OutboxItemRow</name>
    <message>
      <source>Tentar de novo</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>Tentar agora</source>
      <translation>Try now</translation>
    </message>
  </context>
  <context>
    <name>OutboxView</name>
    <message>
      <source>Todos</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Pendentes</source>
      <translation>Pending</translation>
    </message>
    <message>
      <source>Com falha</source>
      <translation>Failed</translation>
    </message>
    <message>
      <source>Enviados</source>
      <translation>Sent</translation>
    </message>
    <message>
      <source>Atualizar</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Nada enviado ainda.</source>
      <translation>Nothing sent yet.</translation>
    </message>
    <message>
      <source>{waiting} pendente(s) · {failed} com falha · {sent} enviado(s)</source>
      <translation>{waiting} pending · {failed} failed · {sent} sent</translation>
    </message>
  </context>
  <context>
    <name>PerformanceView</name>
    <message>
      <source>Hoje</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Esta semana</source>
      <translation>This week</translation>
    </message>
    <message>
      <source>Atualizar</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Exportar CSV…</source>
      <translation>Export CSV…</translation>
    </message>
    <message>
      <source>Atendidas</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Perdidas</source>
      <translation>Missed</translation>
    </message>
    <message>
      <source>Atendidas em outro aparelho</source>
      <translation>Answered on another device</translation>
    </message>
    <message>
      <source>Tempo médio de conversa</source>
      <translation>Average talk time</translation>
    </message>
    <message>
      <source>Tempo médio até registrar</source>
      <translation>Average time to log</translation>
    </message>
    <message>
      <source>Ligações registradas</source>
      <translation>Calls logged</translation>
    </message>
    <message>
      <source>Registradas com OS, financeiro e conexão verificados</source>
      <translation>Logged with service orders, billing and connection checked</translation>
    </message>
    <message>
      <source>Horários de pico</source>
      <translation>Busiest hours</translation>
    </message>
    <message>
      <source>Ligações recebidas</source>
      <translation>Calls received</translation>
    </message>
    <message>
      <source>Em outro aparelho</source>
      <translation>On another device</translation>
    </message>
    <message>
      <source>Ligações</source>
      <translation>Calls</translation>
    </message>
    <message>
      <source>Ligações por hora</source>
      <translation>Calls per hour</translation>
    </message>
    <message>
      <source>seg</source>
      <translation>Mon</translation>
    </message>
    <message>
      <source>ter</source>
      <translation>Tue</translation>
    </message>
    <message>
      <source>qua</source>
      <translation>Wed</translation>
    </message>
    <message>
      <source>qui</source>
      <translation>Thu</translation>
    </message>
    <message>
      <source>sex</source>
      <translation>Fri</translation>
    </message>
    <message>
      <source>sáb</source>
      <translation>Sat</translation>
    </message>
    <message>
      <source>dom</source>
      <translation>Sun</translation>
    </message>
    <message>
      <source>Ligações por dia</source>
      <translation>Calls per day</translation>
    </message>
    <message>
      <source>Encaminhamentos por setor</source>
      <translation>Forwards per sector</translation>
    </message>
    <message>
      <source>Encaminhamentos</source>
      <translation>Forwards</translation>
    </message>
  </context>
  <context>
    <name>ProtocolBar</name>
    <message>
      <source>Abrir protocolo</source>
      <translation>Open protocol</translation>
    </message>
    <message>
      <source>Copiar protocolo</source>
      <translation>Copy protocol</translation>
    </message>
    <message>
      <source>Abre o chamado no IXC agora, para informar o protocolo ao cliente</source>
      <translation>Opens the ticket in IXC now, to give the customer the protocol</translation>
    </message>
    <message>
      <source>Protocolo: {protocol}</source>
      <translation>Protocol: {protocol}</translation>
    </message>
    <message>
      <source>O protocolo não foi aberto no IXC: {reason}</source>
      <translation>The protocol was not opened in IXC: {reason}</translation>
    </message>
  </context>
  <context>
    <name>QueueStatusWidget</name>
    <message>
      <source>Entrar nas filas</source>
      <translation>Log in to the queues</translation>
    </message>
    <message>
      <source>Sair das filas</source>
      <translation>Log out of the queues</translation>
    </message>
    <message>
      <source>Filas: estado desconhecido</source>
      <translation>Queues: state unknown</translation>
    </message>
    <message>
      <source>Filas: dentro</source>
      <translation>Queues: logged in</translation>
    </message>
    <message>
      <source>Filas: fora</source>
      <translation>Queues: logged out</translation>
    </message>
    <message>
      <source>Filas: mudando…</source>
      <translation>Queues: changing…</translation>
    </message>
  </context>
  <context>
    <name>RamalTray</name>
    <message>
      <source>Abrir o Ramal</source>
      <translation>Open Ramal</translation>
    </message>
    <message>
      <source>Não perturbe</source>
      <translation>Do not disturb</translation>
    </message>
    <message>
      <source>Sair</source>
      <translation>Quit</translation>
    </message>
    <message numerus="yes">
      <source>%n atendimento(s) sem registro</source>
      <translation>
        <numerusform>%n attendance not logged</numerusform>
        <numerusform>%n attendances not logged</numerusform>
      </translation>
    </message>
    <message>
      <source>Desconectado</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Registrando o ramal…</source>
      <translation>Registering the extension…</translation>
    </message>
    <message>
      <source>Ramal registrado</source>
      <translation>Extension registered</translation>
    </message>
    <message>
      <source>Falha no registro</source>
      <translation>Registration failed</translation>
    </message>
    <message numerus="yes">
      <source>%n chamada(s) perdida(s)</source>
      <translation>
        <numerusform>%n missed call</numerusform>
        <numerusform>%n missed calls</numerusform>
      </translation>
    </message>
    <message>
      <source>Número oculto</source>
      <translation>Withheld number</translation>
    </message>
    <message>
      <source>Chamada recebida</source>
      <translation>Incoming call</translation>
    </message>
    <message>
      <source>Chamada perdida</source>
      <translation>Missed call</translation>
    </message>
  </context>
  <context>
    <name>RecordingPlayer</name>
    <message>
      <source>Gravação da chamada</source>
      <translation>Call recording</translation>
    </message>
    <message>
      <source>Tocar</source>
      <translation>Play</translation>
    </message>
    <message>
      <source>Salvar…</source>
      <translation>Save…</translation>
    </message>
    <message>
      <source>Resumo do 3CX: {summary}</source>
      <translation>3CX summary: {summary}</translation>
    </message>
    <message>
      <source>O 3CX não fez resumo desta gravação.</source>
      <translation>3CX made no summary of this recording.</translation>
    </message>
    <message>
      <source>Pausar</source>
      <translation>Pause</translation>
    </message>
    <message>
      <source>Não foi possível tocar a gravação aqui; use "Salvar…" e abra o arquivo em outro programa.</source>
      <translation>The recording cannot be played here; use "Save…" and open the file in another program.</translation>
    </message>
  </context>
  <context>
    <name>RingPopup</name>
    <message>
      <source>Ramal — chamada</source>
      <translation>Ramal — call</translation>
    </message>
    <message>
      <source>Mais de um cliente com este número. Quem está ligando?</source>
      <translation>Several customers have this number. Who is calling?</translation>
    </message>
    <message>
      <source>Outro cliente deste número…</source>
      <translation>Another customer with this number…</translation>
    </message>
    <message>
      <source>Buscar outro cliente…</source>
      <translation>Search another customer…</translation>
    </message>
    <message>
      <source>O cliente não é este: buscar por nome, CPF/CNPJ ou outro telefone</source>
      <translation>Not this customer: search by name, CPF/CNPJ or another phone</translation>
    </message>
    <message>
      <source>Adicionar este número ao cadastro…</source>
      <translation>Add this number to the customer…</translation>
    </message>
    <message>
      <source>Atender</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Atender ({key})</source>
      <translation>Answer ({key})</translation>
    </message>
    <message>
      <source>Recusar</source>
      <translation>Decline</translation>
    </message>
    <message>
      <source>Recusar ({key})</source>
      <translation>Decline ({key})</translation>
    </message>
    <message>
      <source>Desligar</source>
      <translation>Hang up</translation>
    </message>
    <message>
      <source>Desligar ({key})</source>
      <translation>Hang up ({key})</translation>
    </message>
    <message>
      <source>Transferir</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>Registrar atendimento</source>
      <translation>Log attendance</translation>
    </message>
    <message>
      <source>Encaminhar</source>
      <translation>Forward</translation>
    </message>
    <message>
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Chamada recebida</source>
      <translation>Incoming call</translation>
    </message>
    <message>
      <source>Chamando…</source>
      <translation>Calling…</translation>
    </message>
    <message>
      <source>Em chamada</source>
      <translation>In call</translation>
    </message>
    <message>
      <source>em espera</source>
      <translation>on hold</translation>
    </message>
    <message>
      <source>Chamada encerrada</source>
      <translation>Call ended</translation>
    </message>
    <message>
      <source>Número oculto</source>
      <translation>Withheld number</translation>
    </message>
    <message>
      <source>Registrar e encaminhar não estão disponíveis: o histórico de chamadas não foi aberto.</source>
      <translation>Logging and forwarding are not available: the call history could not be opened.</translation>
    </message>
    <message>
      <source>Disponível depois de atender a chamada.</source>
      <translation>Available once the call is answered.</translation>
    </message>
    <message>
      <source>Registrar o atendimento no IXC (abre um chamado com o protocolo).</source>
      <translation>Log the attendance in IXC (opens a ticket with a protocol number).</translation>
    </message>
    <message>
      <source>Encaminhar o caso ao Discord ou ao OPA do setor, ou transferir a ligação.</source>
      <translation>Forward the case to the sector's Discord or OPA, or transfer the call.</translation>
    </message>
    <message>
      <source>Transferir para um setor</source>
      <translation>Transfer to a sector</translation>
    </message>
    <message>
      <source>Nenhum setor com ramal de transferência (sectors[].transfer_to) nas configurações.</source>
      <translation>No sector with a transfer extension (sectors[].transfer_to) in the settings.</translation>
    </message>
    <message>
      <source>Ramal interno: sem busca no IXC.</source>
      <translation>Internal extension: no IXC lookup.</translation>
    </message>
    <message>
      <source>Chamada interna.</source>
      <translation>Internal call.</translation>
    </message>
    <message>
      <source>Número oculto: sem busca no IXC.</source>
      <translation>Withheld number: no IXC lookup.</translation>
    </message>
    <message>
      <source>buscando no IXC…</source>
      <translation>searching IXC…</translation>
    </message>
    <message>
      <source>Nenhum cliente com este número no IXC.</source>
      <translation>No customer with this number in IXC.</translation>
    </message>
    <message>
      <source>(carregando…)</source>
      <translation>(loading…)</translation>
    </message>
    <message>
      <source>Cliente encontrado no IXC</source>
      <translation>Customer found in IXC</translation>
    </message>
    <message numerus="yes">
      <source>mais %n clientes com este número</source>
      <translation>
        <numerusform>%n more customer with this number</numerusform>
        <numerusform>%n more customers with this number</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n clientes com este número</source>
      <translation>
        <numerusform>%n customer with this number</numerusform>
        <numerusform>%n customers with this number</numerusform>
      </translation>
    </message>
    <message>
      <source>IXC indisponível: {reason}</source>
      <translation>IXC unavailable: {reason}</translation>
    </message>
    <message>
      <source>Cliente escolhido na busca</source>
      <translation>Customer chosen from the search</translation>
    </message>
    <message>
      <source>Em breve: registrar o atendimento no IXC (ainda não disponível nesta versão).</source>
      <translation type="vanished">Coming soon: log the attendance in IXC (not available in this version yet).</translation>
    </message>
    <message>
      <source>Em breve: encaminhar o caso ao OPA ou ao Discord do setor (ainda não disponível nesta versão).</source>
      <translation type="vanished">Coming soon: forward the case to OPA or the sector's Discord (not available in this version yet).</translation>
    </message>
  </context>
  <context>
    <name>ServiceOrderDialog</name>
    <message>
      <source>Abrir OS</source>
      <translation>Open service order</translation>
    </message>
    <message>
      <source>assunto ou id (su_oss_assunto)</source>
      <translation>subject or id (su_oss_assunto)</translation>
    </message>
    <message>
      <source>setor ou id</source>
      <translation>sector or id</translation>
    </message>
    <message>
      <source>Agendar visita</source>
      <translation>Schedule a visit</translation>
    </message>
    <message>
      <source>Assunto</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>Setor</source>
      <translation>Sector</translation>
    </message>
    <message>
      <source>Prioridade</source>
      <translation>Priority</translation>
    </message>
    <message>
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>id do assunto (su_oss_assunto)</source>
      <translation type="vanished">subject id (su_oss_assunto)</translation>
    </message>
    <message>
      <source>id do setor</source>
      <translation type="vanished">sector id</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Configurações do Ramal</source>
      <translation>Ramal settings</translation>
    </message>
    <message>
      <source>PBX (SIP)</source>
      <translation>PBX (SIP)</translation>
    </message>
    <message>
      <source>Testar conexão</source>
      <translation>Test connection</translation>
    </message>
    <message>
      <source>IXC</source>
      <translation>IXC</translation>
    </message>
    <message>
      <source>OPA Suite</source>
      <translation>OPA Suite</translation>
    </message>
    <message>
      <source>Adicionar setor</source>
      <translation>Add sector</translation>
    </message>
    <message>
      <source>Remover setor</source>
      <translation>Remove sector</translation>
    </message>
    <message>
      <source>Setores</source>
      <translation>Sectors</translation>
    </message>
    <message>
      <source>Áudio</source>
      <translation>Audio</translation>
    </message>
    <message>
      <source>3CX</source>
      <translation>3CX</translation>
    </message>
    <message>
      <source>Interface</source>
      <translation>Interface</translation>
    </message>
    <message>
      <source>Iniciar com o sistema</source>
      <translation>Start with the system</translation>
    </message>
    <message>
      <source>Abre o Ramal na bandeja ao entrar na sessão, sem mostrar a janela</source>
      <translation>Opens Ramal in the tray when you log in, without showing the window</translation>
    </message>
    <message>
      <source>Senhas e tokens são guardados no chaveiro do sistema, não no arquivo.</source>
      <translation>Passwords and tokens are kept in the system keyring, not in the file.</translation>
    </message>
    <message>
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Servidor (PBX)</source>
      <translation>Server (PBX)</translation>
    </message>
    <message>
      <source>Porta</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>Transporte</source>
      <translation>Transport</translation>
    </message>
    <message>
      <source>Ramal</source>
      <translation>Extension</translation>
    </message>
    <message>
      <source>ID de autenticação</source>
      <translation>Authentication ID</translation>
    </message>
    <message>
      <source>Senha</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Nome de exibição</source>
      <translation>Display name</translation>
    </message>
    <message>
      <source>Registrar (opcional)</source>
      <translation>Registrar (optional)</translation>
    </message>
    <message>
      <source>STUN</source>
      <translation>STUN</translation>
    </message>
    <message>
      <source>Modo</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>Endereço local</source>
      <translation>Local address</translation>
    </message>
    <message>
      <source>Porta local (0 = qualquer)</source>
      <translation>Local port (0 = any)</translation>
    </message>
    <message>
      <source>Keep-alive (s)</source>
      <translation>Keep-alive (s)</translation>
    </message>
    <message>
      <source>Validade do registro (s)</source>
      <translation>Registration expiry (s)</translation>
    </message>
    <message>
      <source>Endereço do IXC</source>
      <translation>IXC address</translation>
    </message>
    <message>
      <source>Token</source>
      <translation>Token</translation>
    </message>
    <message>
      <source>Verificar TLS (true, false ou arquivo CA)</source>
      <translation>Verify TLS (true, false or CA file)</translation>
    </message>
    <message>
      <source>Consultas simultâneas</source>
      <translation>Concurrent requests</translation>
    </message>
    <message>
      <source>Tempo limite (s)</source>
      <translation>Timeout (s)</translation>
    </message>
    <message>
      <source>Endereço do OPA</source>
      <translation>OPA address</translation>
    </message>
    <message>
      <source>Código para entrar nas filas</source>
      <translation>Code to log in to the queues</translation>
    </message>
    <message>
      <source>Código para sair das filas</source>
      <translation>Code to log out of the queues</translation>
    </message>
    <message>
      <source>Início do turno (HH:MM)</source>
      <translation>Shift start (HH:MM)</translation>
    </message>
    <message>
      <source>Endereço do 3CX (API, Enterprise)</source>
      <translation>3CX address (API, Enterprise)</translation>
    </message>
    <message>
      <source>Client ID da API</source>
      <translation>API client ID</translation>
    </message>
    <message>
      <source>Chave da API (supervisor)</source>
      <translation>API key (supervisor)</translation>
    </message>
    <message>
      <source>Mostrar a supervisão (filas e agentes)</source>
      <translation>Show supervision (queues and agents)</translation>
    </message>
    <message>
      <source>Tolerância das gravações (s)</source>
      <translation>Recording match tolerance (s)</translation>
    </message>
    <message>
      <source>Idioma</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Mostrar a ficha ao tocar</source>
      <translation>Show the card when ringing</translation>
    </message>
    <message>
      <source>Abrir protocolo na ligação</source>
      <translation>Open a protocol on the call</translation>
    </message>
    <message>
      <source>Quem ligou e não é cliente</source>
      <translation>Caller who is not a customer</translation>
    </message>
    <message>
      <source>Assunto do protocolo (id no IXC, vazio = o primeiro)</source>
      <translation>Protocol subject (IXC id, empty = the first)</translation>
    </message>
    <message>
      <source>Setor do protocolo (id no IXC, vazio = o primeiro)</source>
      <translation>Protocol sector (IXC id, empty = the first)</translation>
    </message>
    <message>
      <source>Ao atender, sozinho (auto)</source>
      <translation>On answer, by itself (auto)</translation>
    </message>
    <message>
      <source>Com o botão “Abrir protocolo” (click)</source>
      <translation>With the “Open protocol” button (click)</translation>
    </message>
    <message>
      <source>Não abrir: o chamado é criado ao registrar (off)</source>
      <translation>Do not open: the ticket is created when the call is logged (off)</translation>
    </message>
    <message>
      <source>Oferecer cadastro como contato no OPA (lead_opa)</source>
      <translation>Offer to register as an OPA contact (lead_opa)</translation>
    </message>
    <message>
      <source>Oferecer cadastro como lead no IXC (lead_ixc)</source>
      <translation>Offer to register as an IXC lead (lead_ixc)</translation>
    </message>
    <message>
      <source>Não oferecer (off)</source>
      <translation>Do not offer (off)</translation>
    </message>
    <message>
      <source>Verificações exigidas por assunto</source>
      <translation>Checks required per subject</translation>
    </message>
    <message>
      <source>Ao registrar um atendimento com um destes assuntos, o Ramal pede um motivo se a ficha não mostrou as seções exigidas. Seções, separadas por vírgula: os, financeiro, conexao.</source>
      <translation>When a call is logged with one of these subjects, Ramal asks for a reason if the card did not show the required sections. Sections, comma-separated: os, financeiro, conexao.</translation>
    </message>
    <message>
      <source>Adicionar regra</source>
      <translation>Add rule</translation>
    </message>
    <message>
      <source>Remover regra</source>
      <translation>Remove rule</translation>
    </message>
    <message>
      <source>Atendimento</source>
      <translation>Attendance</translation>
    </message>
    <message>
      <source>Assunto</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>Exige verificar</source>
      <translation>Requires checking</translation>
    </message>
    <message>
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Transferir para</source>
      <translation>Transfer to</translation>
    </message>
    <message>
      <source>Setor no IXC</source>
      <translation>IXC sector</translation>
    </message>
    <message>
      <source>Departamento OPA</source>
      <translation>OPA department</translation>
    </message>
    <message>
      <source>Webhook Discord</source>
      <translation>Discord webhook</translation>
    </message>
    <message>
      <source>Cargo Discord</source>
      <translation>Discord role</translation>
    </message>
    <message>
      <source>O OPA não está configurado (aba OPA Suite): o cadastro de quem ligou não será oferecido até que esteja.</source>
      <translation>OPA is not configured (OPA Suite tab): registering unknown callers will not be offered until it is.</translation>
    </message>
    <message>
      <source>O IXC não está configurado (aba IXC): o cadastro de quem ligou não será oferecido até que esteja.</source>
      <translation>IXC is not configured (IXC tab): registering unknown callers will not be offered until it is.</translation>
    </message>
    <message>
      <source>Testando…</source>
      <translation>Testing…</translation>
    </message>
  </context>
  <context>
    <name>SupervisorView</name>
    <message>
      <source>Atualizar</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Exportar CSV…</source>
      <translation>Export CSV…</translation>
    </message>
    <message>
      <source>Período:</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>Escolha o período e clique em Atualizar.</source>
      <translation>Choose the period and click Refresh.</translation>
    </message>
    <message>
      <source>Filas: atendidas, abandonadas e SLA violado</source>
      <translation>Queues: answered, abandoned and SLA breached</translation>
    </message>
    <message>
      <source>Atendidas</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Abandonadas</source>
      <translation>Abandoned</translation>
    </message>
    <message>
      <source>SLA violado</source>
      <translation>SLA breached</translation>
    </message>
    <message>
      <source>Agentes: atendidas no 3CX e registradas pelo Ramal</source>
      <translation>Agents: answered in 3CX and logged by Ramal</translation>
    </message>
    <message>
      <source>Atendidas (3CX)</source>
      <translation>Answered (3CX)</translation>
    </message>
    <message>
      <source>Registradas (Ramal)</source>
      <translation>Logged (Ramal)</translation>
    </message>
    <message>
      <source>Com as três seções</source>
      <translation>With the three sections</translation>
    </message>
    <message>
      <source>Hoje</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Últimos 7 dias</source>
      <translation>Last 7 days</translation>
    </message>
    <message>
      <source>Últimos 30 dias</source>
      <translation>Last 30 days</translation>
    </message>
    <message>
      <source>Fila</source>
      <translation>Queue</translation>
    </message>
    <message>
      <source>Recebidas</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Espera média</source>
      <translation>Average wait</translation>
    </message>
    <message>
      <source>Conversa média</source>
      <translation>Average talk</translation>
    </message>
    <message>
      <source>Ramal</source>
      <translation>Extension</translation>
    </message>
    <message>
      <source>Agente</source>
      <translation>Agent</translation>
    </message>
    <message>
      <source>Com OS, financeiro e conexão</source>
      <translation>With service orders, billing and connection</translation>
    </message>
    <message>
      <source>Por setor</source>
      <translation>Per sector</translation>
    </message>
  </context>
  <context>
    <name>TrayQueueActions</name>
    <message>
      <source>Entrar nas filas</source>
      <translation>Log in to the queues</translation>
    </message>
    <message>
      <source>Sair das filas</source>
      <translation>Log out of the queues</translation>
    </message>
    <message>
      <source>Sair das filas (dentro agora)</source>
      <translation>Log out of the queues (logged in now)</translation>
    </message>
    <message>
      <source>Entrar nas filas (fora agora)</source>
      <translation>Log in to the queues (logged out now)</translation>
    </message>
  </context>
  <context>
    <name>about</name>
    <message>
      <source>o código-fonte acompanha esta versão do Ramal</source>
      <translation>the source code comes with this version of Ramal</translation>
    </message>
    <message>
      <source>O Ramal usa o pjproject (pjsua2), distribuído sob a GNU GPL versão 2 ou posterior; o Ramal é distribuído sob a mesma licença, sem garantia. O texto da licença está em {path}. O código-fonte do pjproject {version} está em https://github.com/pjsip/pjproject (tag {version}) e o do Ramal acompanha cada versão; quem recebeu este programa pode pedir o código-fonte correspondente a quem o forneceu.</source>
      <translation>Ramal uses pjproject (pjsua2), distributed under the GNU GPL version 2 or later; Ramal is distributed under the same license, without warranty. The license text is at {path}. The source code of pjproject {version} is at https://github.com/pjsip/pjproject (tag {version}) and Ramal's comes with each release; whoever received this program may ask whoever provided it for the corresponding source code.</translation>
    </message>
  </context>
  <context>
    <name>action_command</name>
    <message>
      <source>Informe onde salvar o PDF: --output ARQUIVO.pdf</source>
      <translation>Say where to save the PDF: --output FILE.pdf</translation>
    </message>
    <message>
      <source>RECUSADO: </source>
      <translation>REFUSED: </translation>
    </message>
    <message>
      <source>Linha digitável: {line}</source>
      <translation>Boleto line: {line}</translation>
    </message>
    <message>
      <source>PDF salvo em {path}</source>
      <translation>PDF saved to {path}</translation>
    </message>
    <message>
      <source>O id deve ser um número inteiro positivo (recebido: {target}).</source>
      <translation>The id must be a positive whole number (got: {target}).</translation>
    </message>
    <message>
      <source>conectado</source>
      <translation>connected</translation>
    </message>
    <message>
      <source>Ação desconhecida: {kind}.</source>
      <translation>Unknown action: {kind}.</translation>
    </message>
    <message>
      <source>A ação "{action}" está desligada nesta instalação ([actions] {key} = false).</source>
      <translation>The action "{action}" is switched off in this installation ([actions] {key} = false).</translation>
    </message>
    <message>
      <source>Não foi possível salvar o PDF em {path}: {error}</source>
      <translation>Could not save the PDF to {path}: {error}</translation>
    </message>
  </context>
  <context>
    <name>agent</name>
    <message>
      <source>A saída padrão foi fechada (quem lia os eventos saiu); o agente continua registrado e atendendo sem imprimir eventos.</source>
      <translation>Standard output was closed (its reader exited); the agent stays registered and keeps answering without printing events.</translation>
    </message>
    <message>
      <source>O PBX recusou o registro ({code} {reason}): confira ramal, ID de autenticação e senha.</source>
      <translation>The PBX refused the registration ({code} {reason}): check the extension, authentication ID and password.</translation>
    </message>
    <message>
      <source>Não foi possível iniciar o SIP: {reason}</source>
      <translation>Could not start SIP: {reason}</translation>
    </message>
    <message>
      <source>Não atendeu: {reason}</source>
      <translation>No answer: {reason}</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Retornar</source>
      <translation>Call back</translation>
    </message>
    <message>
      <source>Envios</source>
      <translation>Outbox</translation>
    </message>
    <message>
      <source>IXC não configurado: preencha a URL e o token nas configurações.</source>
      <translation>IXC not configured: fill in the URL and the token in the settings.</translation>
    </message>
    <message>
      <source>configure o ramal</source>
      <translation>set up the extension</translation>
    </message>
    <message>
      <source>Ligar</source>
      <translation>Call</translation>
    </message>
    <message>
      <source>Iniciar o telefone</source>
      <translation>Start the phone</translation>
    </message>
    <message>
      <source>Atender</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Recusar</source>
      <translation>Decline</translation>
    </message>
    <message>
      <source>Desligar</source>
      <translation>Hang up</translation>
    </message>
    <message>
      <source>Espera</source>
      <translation>Hold</translation>
    </message>
    <message>
      <source>Mudo</source>
      <translation>Mute</translation>
    </message>
    <message>
      <source>Enviar tons</source>
      <translation>Send tones</translation>
    </message>
    <message>
      <source>Transferir</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>A ligação já terminou: não há o que transferir.</source>
      <translation>The call has already ended: there is nothing to transfer.</translation>
    </message>
    <message>
      <source>IXC não configurado</source>
      <translation>IXC not configured</translation>
    </message>
    <message>
      <source>nova tentativa em {s:.0f} s</source>
      <translation>retrying in {s:.0f} s</translation>
    </message>
    <message>
      <source>Transferência para {target} concluída.</source>
      <translation>Transfer to {target} completed.</translation>
    </message>
    <message>
      <source>A transferência para {target} falhou: {code} {reason}</source>
      <translation>Transfer to {target} failed: {code} {reason}</translation>
    </message>
    <message>
      <source>Configurações salvas. Reinicie o Ramal para aplicar {what}.</source>
      <translation>Settings saved. Restart Ramal to apply {what}.</translation>
    </message>
    <message>
      <source>Reiniciar o Ramal</source>
      <translation>Restart Ramal</translation>
    </message>
    <message>
      <source>Reiniciar agora</source>
      <translation>Restart now</translation>
    </message>
    <message>
      <source>Depois</source>
      <translation>Later</translation>
    </message>
    <message>
      <source>a nova conexão com o PBX (3CX)</source>
      <translation>the new PBX (3CX) connection</translation>
    </message>
    <message>
      <source>a nova conexão com o IXC</source>
      <translation>the new IXC connection</translation>
    </message>
    <message>
      <source>a nova conexão com o OPA</source>
      <translation>the new OPA connection</translation>
    </message>
    <message>
      <source>a nova conexão com o 3CX</source>
      <translation>the new 3CX connection</translation>
    </message>
    <message>
      <source>o novo idioma</source>
      <translation>the new language</translation>
    </message>
    <message>
      <source>Não foi possível mudar o início com o sistema: {error}</source>
      <translation>Could not change starting with the system: {error}</translation>
    </message>
    <message>
      <source>Nenhum alto-falante encontrado: você não ouve a ligação.</source>
      <translation>No speaker found: you cannot hear the call.</translation>
    </message>
    <message>
      <source>Nenhum microfone encontrado: o cliente não ouve você.</source>
      <translation>No microphone found: the customer cannot hear you.</translation>
    </message>
    <message>
      <source>O fone "{lost}" não está disponível: o áudio da ligação está em "{now}".</source>
      <translation>The headset "{lost}" is not available: the call's audio is on "{now}".</translation>
    </message>
    <message>
      <source>O fone "{lost}" não está disponível e não há outro dispositivo de som: você não ouve a ligação.</source>
      <translation>The headset "{lost}" is not available and there is no other sound device: you cannot hear the call.</translation>
    </message>
    <message>
      <source>O microfone "{lost}" não está disponível: usando "{now}".</source>
      <translation>The microphone "{lost}" is not available: using "{now}".</translation>
    </message>
    <message>
      <source>O microfone "{lost}" não está disponível e não há outro: o cliente não ouve você.</source>
      <translation>The microphone "{lost}" is not available and there is no other: the customer cannot hear you.</translation>
    </message>
    <message>
      <source>Configurações salvas. Reinicie o Ramal para aplicar as mudanças de PBX, IXC ou idioma.</source>
      <translation type="vanished">Settings saved. Restart Ramal to apply PBX, IXC or language changes.</translation>
    </message>
    <message>
      <source>A busca por nome ou CPF/CNPJ ainda não está disponível nesta versão.</source>
      <translation type="vanished">Searching by name or CPF/CNPJ is not available in this version yet.</translation>
    </message>
  </context>
  <context>
    <name>attendance</name>
    <message>
      <source>Ações no card durante a ligação:</source>
      <translation>Actions taken on the card during the call:</translation>
    </message>
    <message>
      <source>recebida</source>
      <translation>received</translation>
    </message>
    <message>
      <source>feita</source>
      <translation>placed</translation>
    </message>
    <message>
      <source>A ligação já foi registrada no IXC; nenhum outro protocolo foi aberto.</source>
      <translation>The call was already logged in IXC; no other protocol was opened.</translation>
    </message>
    <message>
      <source>O protocolo aberto durante a ligação sumiu do banco local.</source>
      <translation>The protocol opened during the call is missing from the local database.</translation>
    </message>
    <message>
      <source>Sem um número de telefone do cliente não há como achar o contato no OPA; só os atendentes serão avisados.</source>
      <translation>Without the customer's phone number the contact cannot be found in OPA; only the attendants will be notified.</translation>
    </message>
    <message>
      <source>Ligação encaminhada: {who}</source>
      <translation>Call forwarded: {who}</translation>
    </message>
    <message>
      <source>Encaminhado pelo Ramal para {sector} por {agent}.</source>
      <translation>Forwarded by Ramal to {sector} by {agent}.</translation>
    </message>
    <message>
      <source>Ligação de {number} em {when}</source>
      <translation>Call from {number} at {when}</translation>
    </message>
    <message>
      <source>Cliente: {name} (ID {id})</source>
      <translation>Customer: {name} (ID {id})</translation>
    </message>
    <message>
      <source>Observação: {note}</source>
      <translation>Note: {note}</translation>
    </message>
    <message>
      <source>Retorno da ligação perdida de {when}.</source>
      <translation>Callback of the call missed on {when}.</translation>
    </message>
    <message>
      <source>Setor desconhecido: "{name}".</source>
      <translation>Unknown sector: "{name}".</translation>
    </message>
    <message>
      <source>Contrato: {c} — {s}; acesso: {a}</source>
      <translation>Contract: {c} — {s}; access: {a}</translation>
    </message>
    <message>
      <source>Ligação transferida para {target} (assistida).</source>
      <translation>Call transferred to {target} (attended).</translation>
    </message>
    <message>
      <source>Ligação transferida para {target}.</source>
      <translation>Call transferred to {target}.</translation>
    </message>
    <message>
      <source>O setor "{s}" não tem webhook do Discord configurado.</source>
      <translation>Sector "{s}" has no Discord webhook configured.</translation>
    </message>
    <message>
      <source>O setor "{s}" não tem departamento do OPA configurado.</source>
      <translation>Sector "{s}" has no OPA department configured.</translation>
    </message>
    <message>
      <source>OS: nenhuma aberta</source>
      <translation>Service orders: none open</translation>
    </message>
    <message>
      <source>Este assunto exige ver na ficha: {sections}. Informe o motivo para registrar mesmo assim.</source>
      <translation>This subject requires checking on the card: {sections}. Give a reason to log it anyway.</translation>
    </message>
    <message>
      <source>Financeiro: nada em atraso</source>
      <translation>Billing: nothing overdue</translation>
    </message>
    <message>
      <source>Conexão: nenhum login</source>
      <translation>Connection: no login</translation>
    </message>
    <message>
      <source>OS: {n} aberta(s): {orders}</source>
      <translation>Service orders: {n} open: {orders}</translation>
    </message>
    <message>
      <source>Financeiro: {n} em atraso, {amount}, há {days} dias</source>
      <translation>Billing: {n} overdue, {amount}, for {days} days</translation>
    </message>
    <message>
      <source>Conexão: {logins}</source>
      <translation>Connection: {logins}</translation>
    </message>
    <message>
      <source>Bloqueado: contrato {ids}</source>
      <translation>Blocked: contract {ids}</translation>
    </message>
    <message>
      <source>{login} online</source>
      <translation>{login} online</translation>
    </message>
    <message>
      <source>{login} offline desde {when}</source>
      <translation>{login} offline since {when}</translation>
    </message>
    <message>
      <source>{login} offline</source>
      <translation>{login} offline</translation>
    </message>
  </context>
  <context>
    <name>attendance_ui</name>
    <message>
      <source>Atendida</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Atendida em outro aparelho</source>
      <translation>Answered on another device</translation>
    </message>
    <message>
      <source>Perdida</source>
      <translation>Missed</translation>
    </message>
    <message>
      <source>Recusada</source>
      <translation>Declined</translation>
    </message>
    <message>
      <source>Não completada</source>
      <translation>Not completed</translation>
    </message>
    <message>
      <source>Transferida</source>
      <translation>Transferred</translation>
    </message>
    <message>
      <source>Recebida</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Feita</source>
      <translation>Placed</translation>
    </message>
    <message>
      <source>Em andamento</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Transferida para {target} (assistida)</source>
      <translation>Transferred to {target} (attended)</translation>
    </message>
    <message>
      <source>Transferida para {target}</source>
      <translation>Transferred to {target}</translation>
    </message>
    <message>
      <source>desde {when}</source>
      <translation>since {when}</translation>
    </message>
    <message>
      <source>Transferindo a ligação para {target} (assistida)…</source>
      <translation>Transferring the call to {target} (attended)…</translation>
    </message>
    <message>
      <source>Transferindo a ligação para {target}…</source>
      <translation>Transferring the call to {target}…</translation>
    </message>
    <message>
      <source>O atendimento não foi guardado: {reason}. Nada foi enviado ao IXC; o que você escreveu continua aqui: registre de novo quando o problema for resolvido.</source>
      <translation>The attendance was not saved: {reason}. Nothing was sent to IXC; what you wrote is still here: log it again once the problem is solved.</translation>
    </message>
    <message>
      <source>Não foi possível guardar o atendimento: {error}</source>
      <translation>Could not save the attendance: {error}</translation>
    </message>
    <message>
      <source>Nada foi encaminhado: {reason}. A observação continua aqui: encaminhe de novo quando o problema for resolvido.</source>
      <translation>Nothing was forwarded: {reason}. The note is still here: forward again once the problem is solved.</translation>
    </message>
    <message>
      <source>Não foi possível encaminhar: {error}</source>
      <translation>Could not forward: {error}</translation>
    </message>
  </context>
  <context>
    <name>call_protocol</name>
    <message>
      <source>registrando no IXC…</source>
      <translation>registering in IXC…</translation>
    </message>
    <message>
      <source>Protocolos abertos em ligação e não registrados ({n}): {list}. Registre o atendimento pelo histórico.</source>
      <translation>Protocols opened on a call and not logged ({n}): {list}. Log the attendance from the history.</translation>
    </message>
    <message>
      <source>O protocolo pode ser aberto depois de atender.</source>
      <translation>The protocol can be opened once the call is answered.</translation>
    </message>
    <message>
      <source>não registrado no IXC: {reason}</source>
      <translation>not registered in IXC: {reason}</translation>
    </message>
    <message>
      <source>O protocolo não foi aberto: {reason}</source>
      <translation>The protocol was not opened: {reason}</translation>
    </message>
    <message>
      <source>Identifique o cliente para abrir o protocolo.</source>
      <translation>Identify the customer to open the protocol.</translation>
    </message>
    <message>
      <source>motivo desconhecido</source>
      <translation>unknown reason</translation>
    </message>
    <message>
      <source>Abrindo o protocolo no IXC…</source>
      <translation>Opening the protocol in IXC…</translation>
    </message>
    <message>
      <source>Abrindo o protocolo no IXC… ({error})</source>
      <translation>Opening the protocol in IXC… ({error})</translation>
    </message>
  </context>
  <context>
    <name>config</name>
    <message>
      <source>true ou false</source>
      <translation>true or false</translation>
    </message>
    <message>
      <source>um número inteiro</source>
      <translation>a whole number</translation>
    </message>
    <message>
      <source>um número</source>
      <translation>a number</translation>
    </message>
    <message>
      <source>um texto entre aspas</source>
      <translation>a text in quotes</translation>
    </message>
    <message>
      <source>uma porta entre 1 e 65535</source>
      <translation>a port between 1 and 65535</translation>
    </message>
    <message>
      <source>uma porta entre 0 e 65535 (0 = qualquer)</source>
      <translation>a port between 0 and 65535 (0 = any)</translation>
    </message>
    <message>
      <source>segundos, 0 ou mais</source>
      <translation>seconds, 0 or more</translation>
    </message>
    <message>
      <source>segundos, 30 ou mais</source>
      <translation>seconds, 30 or more</translation>
    </message>
    <message>
      <source>um número entre 1 e 16</source>
      <translation>a number between 1 and 16</translation>
    </message>
    <message>
      <source>um horário "HH:MM" (ex.: "08:00")</source>
      <translation>a time "HH:MM" (e.g. "08:00")</translation>
    </message>
    <message>
      <source>segundos, entre 1 e 120</source>
      <translation>seconds, between 1 and 120</translation>
    </message>
    <message>
      <source>um número de minutos entre 1 e 240</source>
      <translation>a number of minutes between 1 and 240</translation>
    </message>
    <message>
      <source>um valor maior que actions.onu_rx_min_dbm</source>
      <translation>a value greater than actions.onu_rx_min_dbm</translation>
    </message>
    <message>
      <source>um valor maior que actions.onu_tx_min_dbm</source>
      <translation>a value greater than actions.onu_tx_min_dbm</translation>
    </message>
    <message>
      <source>seções separadas por vírgula: os, financeiro, conexao</source>
      <translation>comma-separated sections: os, financeiro, conexao</translation>
    </message>
    <message>
      <source>um endereço "sip:host:porta"</source>
      <translation>an address "sip:host:port"</translation>
    </message>
    <message>
      <source>um endereço começando com "https://"</source>
      <translation>an address starting with "https://"</translation>
    </message>
    <message>
      <source>o token como o IXC mostra: "&lt;id do usuário&gt;:&lt;hash&gt;"</source>
      <translation>the token as IXC shows it: "&lt;user id&gt;:&lt;hash&gt;"</translation>
    </message>
    <message>
      <source>o número (ID) do cargo no Discord</source>
      <translation>the Discord role's number (ID)</translation>
    </message>
    <message>
      <source>o endereço do webhook como o Discord mostra: "https://discord.com/api/webhooks/&lt;número&gt;/&lt;token&gt;"</source>
      <translation>the webhook URL as Discord shows it: "https://discord.com/api/webhooks/&lt;number&gt;/&lt;token&gt;"</translation>
    </message>
    <message>
      <source>um código de discagem com dígitos, * e # (ex.: "*62")</source>
      <translation>a dial code of digits, * and # (e.g. "*62")</translation>
    </message>
    <message>
      <source>o Client ID do cliente de API do 3CX (com threecx.url)</source>
      <translation>the Client ID of the 3CX API client (with threecx.url)</translation>
    </message>
    <message>
      <source>um número entre 0 e 1</source>
      <translation>a number between 0 and 1</translation>
    </message>
    <message>
      <source>um número inteiro, 1 ou mais</source>
      <translation>a whole number, 1 or more</translation>
    </message>
    <message>
      <source>um número entre 1 e 100</source>
      <translation>a number between 1 and 100</translation>
    </message>
    <message>
      <source>o nome de um dos [[sectors]] (o canal do NOC/plantão)</source>
      <translation>the name of one of the [[sectors]] (the NOC/on-call channel)</translation>
    </message>
    <message>
      <source>o número (id) no IXC, ou vazio para o primeiro</source>
      <translation>the number (id) in IXC, or empty for the first</translation>
    </message>
    <message>
      <source>Use [[checklist_rules]] para cada regra (uma lista de tabelas).</source>
      <translation>Use [[checklist_rules]] for each rule (a list of tables).</translation>
    </message>
    <message>
      <source>o nome de um assunto do IXC</source>
      <translation>the name of an IXC subject</translation>
    </message>
    <message>
      <source>um destes valores: {values}</source>
      <translation>one of these values: {values}</translation>
    </message>
    <message>
      <source> ou </source>
      <translation> or </translation>
    </message>
    <message>
      <source>sem espaços nem @</source>
      <translation>no spaces or @</translation>
    </message>
    <message>
      <source>segundos, mais que 0 e no máximo {limit}</source>
      <translation>seconds, more than 0 and at most {limit}</translation>
    </message>
    <message>
      <source>um número inteiro, 0 ou mais</source>
      <translation>a whole number, 0 or more</translation>
    </message>
    <message>
      <source>Valor inválido para "{key}": {value!r}. Esperado: {expected}.</source>
      <translation>Invalid value for "{key}": {value!r}. Expected: {expected}.</translation>
    </message>
    <message>
      <source>A seção "{key}" deve ser uma tabela TOML ([{key}]).</source>
      <translation>The section "{key}" must be a TOML table ([{key}]).</translation>
    </message>
    <message>
      <source>Falta a chave obrigatória "{key}".</source>
      <translation>The required key "{key}" is missing.</translation>
    </message>
    <message>
      <source>Valor inválido para "{key}". Esperado: {expected}.</source>
      <translation>Invalid value for "{key}". Expected: {expected}.</translation>
    </message>
    <message>
      <source>Endereço inseguro em "{key}": com "http://" o token viaja sem criptografia e qualquer um na rede pode copiá-lo. Use "https://" ("http://" só é aceito para 127.0.0.1 ou localhost).</source>
      <translation>Insecure address in "{key}": over "http://" the token travels unencrypted and anyone on the network can copy it. Use "https://" ("http://" is only accepted for 127.0.0.1 or localhost).</translation>
    </message>
    <message>
      <source>nomes separados por vírgula entre: {names}</source>
      <translation>comma-separated names among: {names}</translation>
    </message>
    <message>
      <source>{expected} ("{word}" não é uma delas)</source>
      <translation>{expected} ("{word}" is not one of them)</translation>
    </message>
    <message>
      <source>Falta a senha do ramal: "sip.password" no arquivo ou no chaveiro do sistema ({service} / {key}).</source>
      <translation>The extension's password is missing: "sip.password" in the file or in the system keyring ({service} / {key}).</translation>
    </message>
    <message>
      <source>Falta o token do IXC: "ixc.token" no arquivo ou no chaveiro do sistema ({service} / {key}).</source>
      <translation>The IXC token is missing: "ixc.token" in the file or in the system keyring ({service} / {key}).</translation>
    </message>
    <message>
      <source>Chave desconhecida "{key}" ignorada. Chaves aceitas em [{section}]: {known}.</source>
      <translation>Unknown key "{key}" ignored. Keys accepted in [{section}]: {known}.</translation>
    </message>
    <message>
      <source>Use [[sectors]] para cada setor (uma lista de tabelas).</source>
      <translation>Use [[sectors]] for each sector (a list of tables).</translation>
    </message>
    <message>
      <source>Arquivo de configuração não encontrado: {path}</source>
      <translation>Configuration file not found: {path}</translation>
    </message>
    <message>
      <source>Não foi possível ler {path}: {reason}</source>
      <translation>Could not read {path}: {reason}</translation>
    </message>
    <message>
      <source>{path} não está em UTF-8.</source>
      <translation>{path} is not UTF-8.</translation>
    </message>
    <message>
      <source>{path} não é um TOML válido: {reason}</source>
      <translation>{path} is not valid TOML: {reason}</translation>
    </message>
    <message>
      <source>um nome de setor único e não vazio</source>
      <translation>a unique, non-empty sector name</translation>
    </message>
    <message>
      <source>Seção desconhecida "{key}" ignorada. Seções aceitas: {known}.</source>
      <translation>Unknown section "{key}" ignored. Sections accepted: {known}.</translation>
    </message>
    <message>
      <source>O arquivo de configuração é da versão {found} e este Ramal conhece até a {known}: chaves que ele não conhece serão ignoradas.</source>
      <translation>The settings file is version {found} and this Ramal knows up to version {known}: keys it does not know will be ignored.</translation>
    </message>
    <message>
      <source>Chave desconhecida "{key}". Chaves aceitas em [{section}]: {known}.</source>
      <translation type="vanished">Unknown key "{key}". Keys accepted in [{section}]: {known}.</translation>
    </message>
    <message>
      <source>Seção desconhecida "{key}". Seções aceitas: {known}.</source>
      <translation type="vanished">Unknown section "{key}". Sections accepted: {known}.</translation>
    </message>
    <message>
      <source>segundos, mais que 0</source>
      <translation type="vanished">seconds, more than 0</translation>
    </message>
  </context>
  <context>
    <name>connection_tests</name>
    <message>
      <source>Preencha o endereço e o token do IXC.</source>
      <translation>Fill in the IXC address and token.</translation>
    </message>
    <message>
      <source>O PBX respondeu {code} {reason}.</source>
      <translation>The PBX answered {code} {reason}.</translation>
    </message>
    <message>
      <source>Preencha o servidor e o ramal.</source>
      <translation>Fill in the server and the extension.</translation>
    </message>
    <message>
      <source>IXC respondeu: {total} clientes cadastrados.</source>
      <translation>IXC answered: {total} customers registered.</translation>
    </message>
    <message>
      <source>O PBX recusou o ramal ou a senha ({code} {reason}). Confira ramal, ID de autenticação e senha.</source>
      <translation>The PBX refused the extension or password ({code} {reason}). Check extension, authentication ID and password.</translation>
    </message>
    <message>
      <source>O PBX não conhece este ramal ({code} {reason}).</source>
      <translation>The PBX does not know this extension ({code} {reason}).</translation>
    </message>
    <message>
      <source>O PBX em {server} não respondeu. Confira endereço, porta, transporte e firewall.</source>
      <translation>The PBX at {server} did not answer. Check address, port, transport and firewall.</translation>
    </message>
    <message>
      <source>O teste terminou sem resposta do PBX.</source>
      <translation>The test ended without an answer from the PBX.</translation>
    </message>
    <message>
      <source>Ramal registrado no PBX ({code} {reason}).</source>
      <translation>Extension registered with the PBX ({code} {reason}).</translation>
    </message>
  </context>
  <context>
    <name>consultation</name>
    <message>
      <source>A transferência para {sector} falhou ({why}): o cliente continua em espera. Retome o cliente ou tente de novo.</source>
      <translation>The transfer to {sector} failed ({why}): the customer is still on hold. Resume the customer or try again.</translation>
    </message>
    <message>
      <source>consulta encerrada</source>
      <translation>consultation ended</translation>
    </message>
    <message>
      <source>A transferência assistida só é possível com a ligação em andamento.</source>
      <translation>An attended transfer is only possible while the call is up.</translation>
    </message>
    <message>
      <source>Esta já é uma ligação de consulta: complete ou cancele a transferência na ligação do cliente.</source>
      <translation>This is already a consultation call: complete or cancel the transfer on the customer's call.</translation>
    </message>
    <message>
      <source>Já há uma consulta em andamento para esta ligação.</source>
      <translation>A consultation is already under way for this call.</translation>
    </message>
    <message>
      <source>transferência falhou</source>
      <translation>transfer failed</translation>
    </message>
    <message>
      <source>O cliente continua em espera: clique em Retomar para voltar a falar com ele.</source>
      <translation>The customer is still on hold: click Resume to talk to them again.</translation>
    </message>
    <message>
      <source>consulta não iniciada</source>
      <translation>consultation not started</translation>
    </message>
    <message>
      <source>Retomar</source>
      <translation>Resume</translation>
    </message>
    <message>
      <source>{sector} desligou a consulta.</source>
      <translation>{sector} hung up the consultation.</translation>
    </message>
    <message>
      <source>{sector} ainda não atendeu: aguarde ou cancele a consulta.</source>
      <translation>{sector} has not answered yet: wait or cancel the consultation.</translation>
    </message>
    <message>
      <source>Transferência concluída: o cliente está com {sector}.</source>
      <translation>Transfer completed: the customer is with {sector}.</translation>
    </message>
    <message>
      <source>{sector} está ocupado.</source>
      <translation>{sector} is busy.</translation>
    </message>
    <message>
      <source>{sector} não atendeu ({why}).</source>
      <translation>{sector} did not answer ({why}).</translation>
    </message>
    <message>
      <source>{sector} ocupado</source>
      <translation>{sector} busy</translation>
    </message>
    <message>
      <source>{sector} não atendeu</source>
      <translation>{sector} did not answer</translation>
    </message>
    <message>
      <source>Não foi possível pôr o cliente em espera: {error}</source>
      <translation>Could not put the customer on hold: {error}</translation>
    </message>
    <message>
      <source>Não foi possível ligar para {sector}: {error}. O cliente está em espera.</source>
      <translation>Could not call {sector}: {error}. The customer is on hold.</translation>
    </message>
    <message>
      <source>{sector} não atendeu.</source>
      <translation>{sector} did not answer.</translation>
    </message>
    <message>
      <source>Completar transferência: {error}</source>
      <translation>Complete transfer: {error}</translation>
    </message>
    <message>
      <source>O cliente desligou durante a consulta com {sector}.</source>
      <translation>The customer hung up during the consultation with {sector}.</translation>
    </message>
  </context>
  <context>
    <name>customer_actions</name>
    <message>
      <source>Conceder desbloqueio de confiança ao contrato {id}? O IXC libera o acesso por alguns dias, uma vez por débito; não dá para desfazer aqui.</source>
      <translation>Grant a trust unlock to contract {id}? IXC restores access for a few days, once per debt; it cannot be undone here.</translation>
    </message>
    <message>
      <source>Liberar temporariamente o contrato {id}? O IXC libera o acesso por 72 horas.</source>
      <translation>Release contract {id} temporarily? IXC restores access for 72 hours.</translation>
    </message>
    <message>
      <source>Desconectar a sessão PPPoE do login {id}? A internet do cliente cai agora e o roteador reconecta em seguida.</source>
      <translation>Disconnect the PPPoE session of login {id}? The customer's internet drops now and the router reconnects right after.</translation>
    </message>
    <message>
      <source>Limpar o MAC do login {id}? O próximo roteador que conectar fica vinculado a este login.</source>
      <translation>Clear the MAC of login {id}? The next router that connects is bound to this login.</translation>
    </message>
    <message>
      <source>Salvar 2ª via</source>
      <translation>Save second copy</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>conectado</source>
      <translation>connected</translation>
    </message>
    <message>
      <source>{start} → {end} · {cause} · IP {ip} · {hours}h{minutes:02d}</source>
      <translation>{start} → {end} · {cause} · IP {ip} · {hours}h{minutes:02d}</translation>
    </message>
    <message>
      <source>Aberta pelo Ramal durante a ligação de {name}.</source>
      <translation>Opened by Ramal during the call of {name}.</translation>
    </message>
    <message>
      <source>Diagnóstico da conexão</source>
      <translation>Connection diagnostics</translation>
    </message>
    <message>
      <source>Lido do IXC ao abrir a aba Conexão.</source>
      <translation>Read from IXC when the Connection tab was opened.</translation>
    </message>
    <message>
      <source>Login {login}: {state}.</source>
      <translation>Login {login}: {state}.</translation>
    </message>
    <message>
      <source>Copiar PIX copia e cola</source>
      <translation>Copy PIX copy-and-paste code</translation>
    </message>
    <message>
      <source>Copiar linha digitável</source>
      <translation>Copy boleto line</translation>
    </message>
    <message>
      <source>Copiar número da OS</source>
      <translation>Copy service order number</translation>
    </message>
    <message>
      <source>PDF salvo em {path}</source>
      <translation>PDF saved to {path}</translation>
    </message>
    <message>
      <source>Não foi possível salvar o PDF: {error}</source>
      <translation>Could not save the PDF: {error}</translation>
    </message>
    <message>
      <source>{error} O IXC não mostra a ação feita: confira e tente de novo.</source>
      <translation>{error} IXC does not show the action done: check and try again.</translation>
    </message>
  </context>
  <context>
    <name>customer_picker</name>
    <message>
      <source>Bloqueado</source>
      <translation>Blocked</translation>
    </message>
    <message>
      <source>Ativo</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Inativo</source>
      <translation>Inactive</translation>
    </message>
    <message>
      <source>(sem nome)</source>
      <translation>(no name)</translation>
    </message>
  </context>
  <context>
    <name>database</name>
    <message>
      <source>O banco de dados do Ramal está danificado ({path}).</source>
      <translation>Ramal's database is damaged ({path}).</translation>
    </message>
    <message>
      <source>O disco está cheio: o Ramal não consegue gravar o histórico em {path}. Libere espaço no disco.</source>
      <translation>The disk is full: Ramal cannot write its history to {path}. Free some disk space.</translation>
    </message>
    <message>
      <source>O Ramal não tem permissão para gravar o banco de dados em {path} (pasta ou arquivo somente leitura).</source>
      <translation>Ramal is not allowed to write its database at {path} (read-only folder or file).</translation>
    </message>
    <message>
      <source>O banco de dados {path} está em uso por outro programa (outro Ramal aberto, um backup). Feche-o e tente de novo.</source>
      <translation>The database {path} is in use by another program (another Ramal, a backup). Close it and try again.</translation>
    </message>
    <message>
      <source>o banco de dados está danificado</source>
      <translation>the database is damaged</translation>
    </message>
    <message>
      <source>disco cheio</source>
      <translation>disk full</translation>
    </message>
    <message>
      <source>o disco ou o arquivo está somente leitura</source>
      <translation>the disk or the file is read-only</translation>
    </message>
    <message>
      <source>o banco de dados está em uso por outro programa</source>
      <translation>the database is in use by another program</translation>
    </message>
    <message>
      <source>Sem histórico, as ligações e atendimentos desta sessão e os envios pendentes ficam só na memória e se perdem ao fechar o Ramal.</source>
      <translation>Without history, this session's calls, attendances and pending deliveries stay in memory only and are lost when Ramal closes.</translation>
    </message>
    <message>
      <source>Guardar o arquivo danificado e começar um novo</source>
      <translation>Keep the damaged file aside and start a new one</translation>
    </message>
    <message>
      <source>Tentar de novo</source>
      <translation>Try again</translation>
    </message>
    <message>
      <source>Continuar sem histórico</source>
      <translation>Continue without history</translation>
    </message>
    <message>
      <source>Sair</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>O arquivo danificado é renomeado e guardado na mesma pasta (nada é apagado) e o Ramal começa um banco novo.</source>
      <translation>The damaged file is renamed and kept in the same folder (nothing is deleted) and Ramal starts a new database.</translation>
    </message>
    <message>
      <source>O Ramal está rodando sem histórico: o que for registrado agora se perde ao fechar.</source>
      <translation>Ramal is running without history: what is recorded now is lost when it closes.</translation>
    </message>
    <message>
      <source>O banco de dados danificado foi guardado em {path} e o Ramal começou um novo.</source>
      <translation>The damaged database was kept at {path} and Ramal started a new one.</translation>
    </message>
  </context>
  <context>
    <name>discord</name>
    <message>
      <source>O envio foi interrompido e o Discord pode ter recebido a mensagem. Confira o canal antes de tentar de novo.</source>
      <translation>The sending was interrupted and Discord may have received the message. Check the channel before trying again.</translation>
    </message>
    <message>
      <source>O webhook do Discord do setor "{sector}" não existe mais (HTTP {status}: {message}). Ele foi desativado: corrija o endereço nas configurações e tente de novo.</source>
      <translation>The Discord webhook of the sector "{sector}" no longer exists (HTTP {status}: {message}). It was disabled: correct the address in the settings and try again.</translation>
    </message>
    <message>
      <source>O Discord recusou a mensagem (HTTP {status}, código {code}: {message}).</source>
      <translation>Discord refused the message (HTTP {status}, code {code}: {message}).</translation>
    </message>
    <message>
      <source>O setor "{sector}" não tem webhook do Discord configurado.</source>
      <translation>The sector "{sector}" has no Discord webhook configured.</translation>
    </message>
    <message>
      <source>O Discord limitou os envios (429); nova tentativa em {seconds:.1f} s.</source>
      <translation>Discord rate-limited the sending (429); retrying in {seconds:.1f} s.</translation>
    </message>
    <message>
      <source>O Discord está com problemas (HTTP {status}).</source>
      <translation>Discord is having problems (HTTP {status}).</translation>
    </message>
    <message>
      <source>Sem conexão com o Discord ({error}).</source>
      <translation>No connection to Discord ({error}).</translation>
    </message>
    <message>
      <source>A conexão com o Discord caiu durante o envio ({error}).</source>
      <translation>The connection to Discord dropped while sending ({error}).</translation>
    </message>
    <message>
      <source>Cliente não identificado</source>
      <translation>Customer not identified</translation>
    </message>
    <message>
      <source>Nada em atraso</source>
      <translation>Nothing overdue</translation>
    </message>
    <message>
      <source>Nenhuma</source>
      <translation>None</translation>
    </message>
    <message>
      <source>Telefone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Ligação</source>
      <translation>Call</translation>
    </message>
    <message>
      <source>Atendente</source>
      <translation>Agent</translation>
    </message>
    <message>
      <source>Seções verificadas</source>
      <translation>Sections checked</translation>
    </message>
    <message>
      <source>(sem observação)</source>
      <translation>(no note)</translation>
    </message>
    <message>
      <source>Novo encaminhamento para {sector}</source>
      <translation>New forwarding to {sector}</translation>
    </message>
    <message>
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <source>Contrato</source>
      <translation>Contract</translation>
    </message>
    <message>
      <source>Status do contrato</source>
      <translation>Contract status</translation>
    </message>
    <message>
      <source>Status do acesso</source>
      <translation>Access status</translation>
    </message>
    <message>
      <source>Em atraso</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>Conexão</source>
      <translation>Connection</translation>
    </message>
    <message>
      <source>OS abertas</source>
      <translation>Open service orders</translation>
    </message>
    <message>
      <source>{sector}: {customer}</source>
      <translation>{sector}: {customer}</translation>
    </message>
    <message>
      <source>{amount} em {count} fatura(s)</source>
      <translation>{amount} in {count} invoice(s)</translation>
    </message>
    <message>
      <source>{when} ({direction}, {duration})</source>
      <translation>{when} ({direction}, {duration})</translation>
    </message>
    <message>
      <source>Ramal · ref. {reference}</source>
      <translation>Ramal · ref. {reference}</translation>
    </message>
  </context>
  <context>
    <name>display</name>
    <message>
      <source>Não há sessão gráfica (as variáveis DISPLAY e WAYLAND_DISPLAY estão vazias), então a janela do Ramal não pode abrir. Abra o Ramal na área de trabalho do usuário ou, num servidor ou sessão SSH, use "ramal agent", que roda sem janela.</source>
      <translation>There is no graphical session (DISPLAY and WAYLAND_DISPLAY are empty), so Ramal's window cannot open. Open Ramal on the user's desktop or, on a server or over SSH, use "ramal agent", which runs without a window.</translation>
    </message>
  </context>
  <context>
    <name>history</name>
    <message>
      <source>O histórico voltou a ser gravado: as chamadas guardadas na memória estão no banco de dados.</source>
      <translation>The history is being saved again: the calls kept in memory are in the database.</translation>
    </message>
    <message>
      <source>Não foi possível gravar o histórico: {reason}. As chamadas ficam guardadas na memória e serão gravadas quando o banco de dados voltar a aceitar gravações.</source>
      <translation>Could not save the history: {reason}. Calls are kept in memory and will be saved when the database accepts writes again.</translation>
    </message>
  </context>
  <context>
    <name>ixc.actions</name>
    <message>
      <source>Contrato não encontrado no IXC.</source>
      <translation>Contract not found in IXC.</translation>
    </message>
    <message>
      <source>O desbloqueio de confiança já está ativo neste contrato.</source>
      <translation>The trust unlock is already active on this contract.</translation>
    </message>
    <message>
      <source>O contrato está inativo: o IXC não desbloqueia contratos inativos.</source>
      <translation>The contract is inactive: IXC does not unlock inactive contracts.</translation>
    </message>
    <message>
      <source>O cliente já usou o desbloqueio de confiança e ainda não pagou: o IXC não concede outro.</source>
      <translation>The customer already used the trust unlock and has not paid yet: IXC grants no other.</translation>
    </message>
  </context>
  <context>
    <name>ixc.card_actions</name>
    <message>
      <source>Desbloqueio de confiança</source>
      <translation>Trust unlock</translation>
    </message>
    <message>
      <source>Liberação temporária</source>
      <translation>Temporary release</translation>
    </message>
    <message>
      <source>PIX copia e cola</source>
      <translation>PIX copy-and-paste</translation>
    </message>
    <message>
      <source>2ª via do boleto</source>
      <translation>Boleto second copy</translation>
    </message>
    <message>
      <source>Últimas sessões</source>
      <translation>Last sessions</translation>
    </message>
    <message>
      <source>Sinal da ONU</source>
      <translation>ONU signal</translation>
    </message>
    <message>
      <source>Desconectar sessão PPPoE</source>
      <translation>Disconnect PPPoE session</translation>
    </message>
    <message>
      <source>Limpar MAC</source>
      <translation>Clear MAC</translation>
    </message>
    <message>
      <source>Abrir OS</source>
      <translation>Open service order</translation>
    </message>
    <message>
      <source>Enviar no WhatsApp</source>
      <translation>Send on WhatsApp</translation>
    </message>
    <message>
      <source>Desbloqueio de confiança concedido às {time}</source>
      <translation>Trust unlock granted at {time}</translation>
    </message>
    <message>
      <source>Liberação temporária concedida às {time}</source>
      <translation>Temporary release granted at {time}</translation>
    </message>
    <message>
      <source>PIX copia e cola gerado às {time} (fatura {invoice})</source>
      <translation>PIX copy-and-paste code generated at {time} (invoice {invoice})</translation>
    </message>
    <message>
      <source>2ª via do boleto gerada às {time} (fatura {invoice})</source>
      <translation>Boleto second copy generated at {time} (invoice {invoice})</translation>
    </message>
    <message>
      <source>Sessões PPPoE consultadas às {time}</source>
      <translation>PPPoE sessions checked at {time}</translation>
    </message>
    <message>
      <source>Sinal da ONU consultado às {time}: {message}</source>
      <translation>ONU signal checked at {time}: {message}</translation>
    </message>
    <message>
      <source>Sessão PPPoE desconectada às {time}</source>
      <translation>PPPoE session disconnected at {time}</translation>
    </message>
    <message>
      <source>MAC do login limpo às {time}</source>
      <translation>Login MAC cleared at {time}</translation>
    </message>
    <message>
      <source>OS {order} aberta às {time}</source>
      <translation>Service order {order} opened at {time}</translation>
    </message>
    <message>
      <source>{message} às {time}</source>
      <translation>{message} at {time}</translation>
    </message>
    <message>
      <source>O IXC demorou a responder, mas o desbloqueio de confiança está ativo.</source>
      <translation>IXC was slow to answer, but the trust unlock is active.</translation>
    </message>
    <message>
      <source>{n} sessão(ões) de {login}.</source>
      <translation>{n} session(s) of {login}.</translation>
    </message>
    <message>
      <source>O IXC não tem ONU para este login.</source>
      <translation>IXC has no ONU for this login.</translation>
    </message>
    <message>
      <source>O IXC demorou a responder, mas a liberação temporária foi feita.</source>
      <translation>IXC was slow to answer, but the temporary release was done.</translation>
    </message>
    <message>
      <source>{action} recusado pelo IXC às {time}: {message}</source>
      <translation>{action} refused by IXC at {time}: {message}</translation>
    </message>
  </context>
  <context>
    <name>ixc.diagnostics</name>
    <message>
      <source>sinal bom</source>
      <translation>good signal</translation>
    </message>
    <message>
      <source>sinal ruim</source>
      <translation>bad signal</translation>
    </message>
    <message>
      <source>sinal desconhecido</source>
      <translation>unknown signal</translation>
    </message>
    <message>
      <source>ONU: RX {rx} · TX {tx} · {verdict}</source>
      <translation>ONU: RX {rx} · TX {tx} · {verdict}</translation>
    </message>
    <message>
      <source>Login {id} não encontrado no IXC.</source>
      <translation>Login {id} not found in IXC.</translation>
    </message>
  </context>
  <context>
    <name>ixc.errors</name>
    <message>
      <source>O IXC recusou o token (HTTP 401). Confira ixc.token ("&lt;id do usuário&gt;:&lt;hash&gt;") e se o usuário tem acesso ao webservice liberado.</source>
      <translation>IXC refused the token (HTTP 401). Check ixc.token ("&lt;user id&gt;:&lt;hash&gt;") and that the user has access to the webservice enabled.</translation>
    </message>
    <message>
      <source>Não foi possível conectar ao IXC em {url}: {reason}.</source>
      <translation>Could not connect to IXC at {url}: {reason}.</translation>
    </message>
    <message>
      <source>O IXC em {url} não respondeu em {seconds:g} s.</source>
      <translation>IXC at {url} did not answer within {seconds:g} s.</translation>
    </message>
    <message>
      <source>O certificado TLS do IXC em {url} não foi aceito ({reason}). Se o provedor usa um certificado próprio, informe a CA em [ixc] verify_tls = "/caminho/para/ca.pem" (ou, sem verificação e menos seguro, verify_tls = false).</source>
      <translation>The TLS certificate of IXC at {url} was not accepted ({reason}). If the ISP uses its own certificate, give its CA in [ixc] verify_tls = "/path/to/ca.pem" (or, without verification and less safe, verify_tls = false).</translation>
    </message>
    <message>
      <source>O endereço {url} devolveu uma página HTML (a tela de login do IXC?) em vez do webservice. Confira ixc.url: use só o endereço do IXC, sem /webservice/v1.</source>
      <translation>The address {url} returned an HTML page (IXC's login screen?) instead of the webservice. Check ixc.url: use only IXC's address, without /webservice/v1.</translation>
    </message>
    <message>
      <source>O servidor do IXC falhou (HTTP {status}). Tente de novo em instantes.</source>
      <translation>The IXC server failed (HTTP {status}). Try again in a moment.</translation>
    </message>
    <message>
      <source>O IXC respondeu "Ocorreu um erro ao processar" ao consultar {table} (campo ou filtro que esta versão do IXC não conhece?).</source>
      <translation>IXC answered "Ocorreu um erro ao processar" when querying {table} (a field or filter this IXC version does not know?).</translation>
    </message>
    <message>
      <source>O IXC recusou a operação em {table}: {message}</source>
      <translation>IXC refused the operation on {table}: {message}</translation>
    </message>
    <message>
      <source>Resposta inesperada do IXC ao consultar {table}: {detail}</source>
      <translation>Unexpected answer from IXC when querying {table}: {detail}</translation>
    </message>
    <message>
      <source>O cliente {id} não foi encontrado no IXC.</source>
      <translation>Customer {id} was not found in IXC.</translation>
    </message>
    <message>
      <source>IXC não respondeu a tempo ({seconds:g} s).</source>
      <translation>IXC did not answer in time ({seconds:g} s).</translation>
    </message>
    <message>
      <source>O IXC mandou uma resposta grande demais ao consultar {table} (mais de {mb:g} MB); a leitura foi interrompida.</source>
      <translation>IXC sent a response too large when reading {table} (over {mb:g} MB); reading was stopped.</translation>
    </message>
    <message>
      <source>O IXC em {url} redirecionou para outro endereço (HTTP {status} → {location}). Ramal não segue redirecionamentos, para não enviar o token a outro servidor: confira ixc.url (http ou https?).</source>
      <translation>IXC at {url} redirected to another address (HTTP {status} → {location}). Ramal does not follow redirects, so the token is never sent to another server: check ixc.url (http or https?).</translation>
    </message>
    <message>
      <source>Erro interno ao ler esta seção.</source>
      <translation>Internal error while reading this section.</translation>
    </message>
  </context>
  <context>
    <name>ixc.lead_contacts</name>
    <message>
      <source>Cadastrado pelo Ramal a partir de uma ligação recebida em {day} às {time}.</source>
      <translation>Registered by Ramal from a call received on {day} at {time}.</translation>
    </message>
  </context>
  <context>
    <name>ixc.match</name>
    <message>
      <source>Número exato</source>
      <translation>Exact number</translation>
    </message>
    <message>
      <source>Número sem o nono dígito</source>
      <translation>Number without the ninth digit</translation>
    </message>
    <message>
      <source>Número sem DDD</source>
      <translation>Number without area code</translation>
    </message>
  </context>
  <context>
    <name>ixc.outage</name>
    <message>
      <source>CTO</source>
      <translation>CTO</translation>
    </message>
    <message>
      <source>Transmissor</source>
      <translation>Transmitter</translation>
    </message>
    <message>
      <source>Concentrador</source>
      <translation>Concentrator</translation>
    </message>
    <message>
      <source>Possível massiva — {scope} {name}: {offline} de {logins} logins caíram desde {since}</source>
      <translation>Possible mass outage — {scope} {name}: {offline} of {logins} logins down since {since}</translation>
    </message>
  </context>
  <context>
    <name>ixc.payments</name>
    <message>
      <source>O IXC não devolveu código PIX para esta fatura (a carteira de cobrança tem PIX?).</source>
      <translation>IXC returned no PIX code for this invoice (does the billing wallet have PIX?).</translation>
    </message>
    <message>
      <source>Segunda via gerada pelo IXC.</source>
      <translation>Second copy generated by IXC.</translation>
    </message>
    <message>
      <source>O IXC não devolveu um PDF de boleto ({start}).</source>
      <translation>IXC did not return a boleto PDF ({start}).</translation>
    </message>
    <message>
      <source>Código PIX copia e cola gerado pelo IXC.</source>
      <translation>PIX copy-and-paste code generated by IXC.</translation>
    </message>
    <message>
      <source>O IXC devolveu um código PIX inválido (CRC não confere); não o envie ao cliente.</source>
      <translation>IXC returned an invalid PIX code (CRC does not match); do not send it to the customer.</translation>
    </message>
    <message>
      <source>resposta vazia</source>
      <translation>empty answer</translation>
    </message>
    <message>
      <source>O IXC recusou o PIX.</source>
      <translation>IXC refused the PIX.</translation>
    </message>
    <message>
      <source>O IXC recusou a segunda via.</source>
      <translation>IXC refused the second copy.</translation>
    </message>
  </context>
  <context>
    <name>ixc.phone_attach</name>
    <message>
      <source>{number} adicionado ao campo "{column}" no IXC.</source>
      <translation>{number} added to the "{column}" field in IXC.</translation>
    </message>
    <message>
      <source>O cliente já tem {number} no IXC.</source>
      <translation>The customer already has {number} in IXC.</translation>
    </message>
    <message>
      <source>O cliente não tem campo de telefone vazio: nada foi sobrescrito. Edite no IXC.</source>
      <translation>The customer has no empty phone field: nothing was overwritten. Edit it in IXC.</translation>
    </message>
    <message>
      <source>O cliente não foi encontrado no IXC.</source>
      <translation>The customer was not found in IXC.</translation>
    </message>
    <message>
      <source>{number} não é um telefone que possa ser guardado na ficha.</source>
      <translation>{number} is not a phone number that can be stored on the record.</translation>
    </message>
    <message>
      <source>Adicionar {number} ao campo "{column}" de {name} no IXC? As próximas ligações deste número abrem a ficha.</source>
      <translation>Add {number} to the "{column}" field of {name} in IXC? The next calls from this number will open the card.</translation>
    </message>
  </context>
  <context>
    <name>ixc.search</name>
    <message>
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <source>CNPJ</source>
      <translation>CNPJ</translation>
    </message>
    <message>
      <source>Telefone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>CPF inválido: confira os dígitos.</source>
      <translation>Invalid CPF: check the digits.</translation>
    </message>
    <message>
      <source>CNPJ inválido: confira os dígitos.</source>
      <translation>Invalid CNPJ: check the digits.</translation>
    </message>
    <message>
      <source>Informe o telefone com DDD, por exemplo (11) 98765-4321.</source>
      <translation>Give the phone number with its area code (DDD), e.g. (11) 98765-4321.</translation>
    </message>
    <message>
      <source>Digite um nome (3 letras ou mais), um CPF/CNPJ completo ou um telefone com DDD.</source>
      <translation>Type a name (3 letters or more), a full CPF/CNPJ or a phone number with area code.</translation>
    </message>
    <message>
      <source>{what} inválido e também não é um telefone com DDD: confira os dígitos.</source>
      <translation>Invalid {what}, and not a phone number with area code either: check the digits.</translation>
    </message>
    <message>
      <source>Digite pelo menos {n} letras do nome.</source>
      <translation>Type at least {n} letters of the name.</translation>
    </message>
  </context>
  <context>
    <name>ixc.section</name>
    <message>
      <source>Contratos</source>
      <translation>Contracts</translation>
    </message>
    <message>
      <source>Ordens de serviço</source>
      <translation>Service orders</translation>
    </message>
    <message>
      <source>Financeiro</source>
      <translation>Billing</translation>
    </message>
    <message>
      <source>Conexão</source>
      <translation>Connection</translation>
    </message>
    <message>
      <source>Atendimentos</source>
      <translation>Tickets</translation>
    </message>
  </context>
  <context>
    <name>ixc.service_orders</name>
    <message>
      <source>Descreva o problema da OS.</source>
      <translation>Describe the service order problem.</translation>
    </message>
    <message>
      <source>OS {id} aberta no IXC.</source>
      <translation>Service order {id} opened in IXC.</translation>
    </message>
  </context>
  <context>
    <name>ixc.status</name>
    <message>
      <source>Pré-contrato</source>
      <translation>Pre-contract</translation>
    </message>
    <message>
      <source>Ativo</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Inativo</source>
      <translation>Inactive</translation>
    </message>
    <message>
      <source>Negativado</source>
      <translation>Credit-blocked</translation>
    </message>
    <message>
      <source>Desistiu</source>
      <translation>Gave up</translation>
    </message>
    <message>
      <source>Desconhecido</source>
      <translation>Unknown</translation>
    </message>
    <message>
      <source>Desativado</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>Bloqueio manual</source>
      <translation>Manual block</translation>
    </message>
    <message>
      <source>Bloqueio automático</source>
      <translation>Automatic block</translation>
    </message>
    <message>
      <source>Financeiro em atraso</source>
      <translation>Overdue billing</translation>
    </message>
    <message>
      <source>Aguardando assinatura</source>
      <translation>Awaiting signature</translation>
    </message>
    <message>
      <source>CE</source>
      <translation>CE</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normal</translation>
    </message>
    <message>
      <source>Reduzida</source>
      <translation>Reduced</translation>
    </message>
    <message>
      <source>Desconhecida</source>
      <translation>Unknown</translation>
    </message>
    <message>
      <source>Aberta</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>Análise</source>
      <translation>Analysis</translation>
    </message>
    <message>
      <source>Encaminhada</source>
      <translation>Forwarded</translation>
    </message>
    <message>
      <source>Assumida</source>
      <translation>Assigned</translation>
    </message>
    <message>
      <source>Agendada</source>
      <translation>Scheduled</translation>
    </message>
    <message>
      <source>Deslocamento</source>
      <translation>En route</translation>
    </message>
    <message>
      <source>Execução</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Finalizada</source>
      <translation>Finished</translation>
    </message>
    <message>
      <source>Aguardando reagendamento</source>
      <translation>Awaiting reschedule</translation>
    </message>
    <message>
      <source>Baixa</source>
      <translation>Low</translation>
    </message>
    <message>
      <source>Alta</source>
      <translation>High</translation>
    </message>
    <message>
      <source>Crítica</source>
      <translation>Critical</translation>
    </message>
    <message>
      <source>A receber</source>
      <translation>Receivable</translation>
    </message>
    <message>
      <source>Recebido</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Parcial</source>
      <translation>Partial</translation>
    </message>
    <message>
      <source>Cancelado</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Sem status</source>
      <translation>No status</translation>
    </message>
    <message>
      <source>Novo</source>
      <translation>New</translation>
    </message>
    <message>
      <source>Pendente</source>
      <translation>Pending</translation>
    </message>
    <message>
      <source>Em progresso</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Solucionado</source>
      <translation>Solved</translation>
    </message>
  </context>
  <context>
    <name>ixc.tickets</name>
    <message>
      <source>a resposta não tem "protocolo" ({answer})</source>
      <translation>the answer has no "protocolo" ({answer})</translation>
    </message>
    <message>
      <source>protocolo inválido ({answer})</source>
      <translation>invalid protocol ({answer})</translation>
    </message>
    <message>
      <source>Gravação da ligação (3CX)</source>
      <translation>Call recording (3CX)</translation>
    </message>
    <message>
      <source>Resumo da ligação (3CX):</source>
      <translation>Call summary (3CX):</translation>
    </message>
    <message>
      <source>Transcrição (3CX):</source>
      <translation>Transcription (3CX):</translation>
    </message>
    <message>
      <source>Anexado pelo Ramal {marker}</source>
      <translation>Appended by Ramal {marker}</translation>
    </message>
    <message>
      <source>Atendimento por telefone em andamento.</source>
      <translation>Phone attendance in progress.</translation>
    </message>
    <message>
      <source>Atendimento por telefone (em andamento)</source>
      <translation>Phone attendance (in progress)</translation>
    </message>
    <message>
      <source>Escolha o cliente do atendimento.</source>
      <translation>Choose the customer of the attendance.</translation>
    </message>
    <message>
      <source>Nenhum assunto para abrir o protocolo: configure attendance.open_subject_id ou atualize os assuntos do IXC.</source>
      <translation>No subject to open the protocol with: set attendance.open_subject_id or refresh the IXC subjects.</translation>
    </message>
    <message>
      <source>Nenhum setor para abrir o protocolo: configure attendance.open_ticket_sector_id.</source>
      <translation>No sector to open the protocol with: set attendance.open_ticket_sector_id.</translation>
    </message>
    <message>
      <source>Protocolo aberto durante a ligação por {agent} pelo Ramal {marker}</source>
      <translation>Protocol opened during the call by {agent} with Ramal {marker}</translation>
    </message>
    <message>
      <source>Ligação de {number}.</source>
      <translation>Call from {number}.</translation>
    </message>
    <message>
      <source>Protocolo reservado inválido: {protocol}.</source>
      <translation>Invalid reserved protocol: {protocol}.</translation>
    </message>
    <message>
      <source>nenhuma</source>
      <translation>none</translation>
    </message>
    <message>
      <source>(sem descrição)</source>
      <translation>(no description)</translation>
    </message>
    <message>
      <source>Resolvido durante a ligação.</source>
      <translation>Solved during the call.</translation>
    </message>
    <message>
      <source>Escolha o assunto do atendimento.</source>
      <translation>Choose the subject of the attendance.</translation>
    </message>
    <message>
      <source>Escolha o setor do atendimento.</source>
      <translation>Choose the sector of the attendance.</translation>
    </message>
    <message>
      <source>Seções verificadas na ficha: {sections}.</source>
      <translation>Card sections checked: {sections}.</translation>
    </message>
    <message>
      <source>Registrado por {agent} pelo Ramal {marker}</source>
      <translation>Logged by {agent} through Ramal {marker}</translation>
    </message>
    <message>
      <source>Atendimento por telefone</source>
      <translation>Phone attendance</translation>
    </message>
    <message>
      <source>Ligação {direction} de {number} em {when}, duração {duration}, ramal {extension}.</source>
      <translation>Call {direction} from {number} at {when}, duration {duration}, extension {extension}.</translation>
    </message>
    <message>
      <source>Na ficha durante a ligação: {evidence}</source>
      <translation>On the card during the call: {evidence}</translation>
    </message>
    <message>
      <source>Registrado sem a verificação exigida pelo assunto: {reason}</source>
      <translation>Logged without the check the subject requires: {reason}</translation>
    </message>
    <message>
      <source>Prioridade inválida: {p}.</source>
      <translation>Invalid priority: {p}.</translation>
    </message>
    <message>
      <source>O assunto "{s}" exige um contrato: escolha o contrato na ficha.</source>
      <translation>Subject "{s}" requires a contract: choose the contract in the card.</translation>
    </message>
    <message>
      <source>O assunto "{s}" exige um login: escolha o login na ficha.</source>
      <translation>Subject "{s}" requires a login: choose the login in the card.</translation>
    </message>
    <message>
      <source>o atendimento {id} não existe mais no IXC.</source>
      <translation>attendance {id} no longer exists in IXC.</translation>
    </message>
    <message>
      <source>O assunto "{s}" exige um processo, mas não tem processo padrão no IXC.</source>
      <translation>Subject "{s}" requires a workflow process but has no default process in IXC.</translation>
    </message>
  </context>
  <context>
    <name>lead_contact</name>
    <message>
      <source>Informe o nome de quem ligou.</source>
      <translation>Enter the caller's name.</translation>
    </message>
    <message>
      <source>O contato não foi cadastrado no OPA: {reason}</source>
      <translation>The contact was not registered in OPA: {reason}</translation>
    </message>
    <message>
      <source>{name} ({number}) cadastrado no OPA como novo contato.</source>
      <translation>{name} ({number}) registered in OPA as a new contact.</translation>
    </message>
    <message>
      <source>O número {number} já é do contato {name} no OPA: nada foi criado.</source>
      <translation>The number {number} already belongs to the contact {name} in OPA: nothing was created.</translation>
    </message>
    <message>
      <source>{name} ({number}) cadastrado no IXC como lead (contato {id}).</source>
      <translation>{name} ({number}) registered in IXC as a lead (contact {id}).</translation>
    </message>
    <message>
      <source>O número {number} já é do contato {name} (contato {id}) no IXC: nada foi criado.</source>
      <translation>The number {number} already belongs to the contact {name} (contact {id}) in IXC: nothing was created.</translation>
    </message>
    <message>
      <source>O lead não foi cadastrado no IXC: {reason}</source>
      <translation>The lead was not registered in IXC: {reason}</translation>
    </message>
    <message>
      <source>O número {number} não é um telefone completo: não dá para cadastrá-lo como contato.</source>
      <translation>The number {number} is not a complete phone number: it cannot be registered as a contact.</translation>
    </message>
    <message>
      <source>(oculto)</source>
      <translation>(hidden)</translation>
    </message>
    <message>
      <source>(sem nome)</source>
      <translation>(no name)</translation>
    </message>
  </context>
  <context>
    <name>lead_flow</name>
    <message>
      <source>O cadastro de novos contatos foi desligado nas configurações.</source>
      <translation>Registering new contacts was turned off in the settings.</translation>
    </message>
    <message>
      <source>O contato não foi cadastrado no OPA: {reason}</source>
      <translation type="vanished">The contact was not registered in OPA: {reason}</translation>
    </message>
  </context>
  <context>
    <name>logging</name>
    <message>
      <source>RAMAL_LOG_LEVEL={value} não é um nível de log; use {levels}. Seguindo com {default}.</source>
      <translation>RAMAL_LOG_LEVEL={value} is not a log level; use {levels}. Going on with {default}.</translation>
    </message>
  </context>
  <context>
    <name>lookup</name>
    <message>
      <source>{count} cliente(s) para {number} ({ms} ms):</source>
      <translation>{count} customer(s) for {number} ({ms} ms):</translation>
    </message>
    <message>
      <source> [INATIVO]</source>
      <translation> [INACTIVE]</translation>
    </message>
    <message>
      <source>Endereço</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>OS abertas</source>
      <translation>Open service orders</translation>
    </message>
    <message>
      <source>Financeiro</source>
      <translation>Billing</translation>
    </message>
    <message>
      <source>vencida(s)</source>
      <translation>overdue</translation>
    </message>
    <message>
      <source>total em atraso</source>
      <translation>total overdue</translation>
    </message>
    <message>
      <source>Nenhum cliente encontrado para {number}.</source>
      <translation>No customer found for {number}.</translation>
    </message>
    <message>
      <source>Telefone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>ALERTA</source>
      <translation>ALERT</translation>
    </message>
    <message>
      <source>Contrato</source>
      <translation>Contract</translation>
    </message>
    <message>
      <source>acesso</source>
      <translation>access</translation>
    </message>
    <message>
      <source>agendada</source>
      <translation>scheduled</translation>
    </message>
    <message>
      <source>Próximo vencimento</source>
      <translation>Next due date</translation>
    </message>
    <message>
      <source>Último pagamento</source>
      <translation>Last payment</translation>
    </message>
    <message>
      <source>indisponível</source>
      <translation>unavailable</translation>
    </message>
    <message>
      <source>Atendimentos recentes</source>
      <translation>Recent tickets</translation>
    </message>
    <message>
      <source>Conexão</source>
      <translation>Connection</translation>
    </message>
    <message>
      <source>caiu em</source>
      <translation>dropped on</translation>
    </message>
  </context>
  <context>
    <name>opa</name>
    <message>
      <source>A API do OPA não permite transferir um atendimento para outro setor: o caso foi registrado como observação e os atendentes do setor foram notificados.</source>
      <translation>OPA's API cannot transfer an attendance to another sector: the case was recorded as a note and the sector's attendants were notified.</translation>
    </message>
    <message>
      <source>resposta inesperada</source>
      <translation>unexpected answer</translation>
    </message>
    <message>
      <source>O envio ao OPA foi interrompido e pode ter sido feito. Confira no OPA antes de tentar de novo.</source>
      <translation>Sending to OPA was interrupted and may have gone through. Check in OPA before trying again.</translation>
    </message>
    <message>
      <source>O OPA recusou ({status}): {message}</source>
      <translation>OPA refused ({status}): {message}</translation>
    </message>
    <message>
      <source>Nenhum atendente para notificar.</source>
      <translation>No attendant to notify.</translation>
    </message>
    <message>
      <source>O cliente não tem atendimento aberto no OPA e a API do OPA não permite abrir um sem um modelo de WhatsApp; configure opa_template_id no setor.</source>
      <translation>The customer has no open attendance in OPA and OPA's API cannot open one without a WhatsApp template; set opa_template_id on the sector.</translation>
    </message>
    <message>
      <source>token do OPA inválido ou substituído</source>
      <translation>OPA token invalid or replaced</translation>
    </message>
    <message>
      <source>sem permissão no OPA (grupo da API ou rede não permitida)</source>
      <translation>no permission in OPA (API group or network not allowed)</translation>
    </message>
    <message>
      <source>Nenhum atendente ativo no departamento do OPA configurado para o setor {sector}.</source>
      <translation>No active attendant in the OPA department configured for sector {sector}.</translation>
    </message>
    <message>
      <source>Sem conexão com o OPA ({error}).</source>
      <translation>No connection to OPA ({error}).</translation>
    </message>
    <message>
      <source>A conexão com o OPA caiu ({error}).</source>
      <translation>The connection to OPA dropped ({error}).</translation>
    </message>
  </context>
  <context>
    <name>outage</name>
    <message>
      <source>Registrado na massiva</source>
      <translation>Logged against the outage</translation>
    </message>
    <message>
      <source>Registro indisponível: IXC não configurado.</source>
      <translation>Cannot log: IXC is not configured.</translation>
    </message>
    <message>
      <source>Para registrar massivas, preencha [outage] ticket_subject e ticket_sector nas configurações.</source>
      <translation>To log mass outages, fill in [outage] ticket_subject and ticket_sector in the settings.</translation>
    </message>
    <message>
      <source>Atendimento registrado na massiva {scope} {name}.</source>
      <translation>Attendance logged against the outage {scope} {name}.</translation>
    </message>
    <message>
      <source>Sem conexão — massiva {scope} {name}</source>
      <translation>No connection — outage {scope} {name}</translation>
    </message>
    <message>
      <source>Massiva não registrada: {reason}</source>
      <translation>Outage call not logged: {reason}</translation>
    </message>
    <message>
      <source>Massiva: protocolo {protocol} [ref {key}]</source>
      <translation>Mass outage: protocol {protocol} [ref {key}]</translation>
    </message>
    <message>
      <source>Possível massiva — {scope} {name}</source>
      <translation>Possible mass outage — {scope} {name}</translation>
    </message>
    <message>
      <source>{offline} de {logins} logins caíram desde {since}. Ligações recebidas: {calls}.</source>
      <translation>{offline} of {logins} logins down since {since}. Calls received: {calls}.</translation>
    </message>
    <message>
      <source>Possível massiva detectada pelo Ramal: {offline} de {logins} logins caíram desde {since}. Aberto por {agent}.</source>
      <translation>Possible mass outage detected by Ramal: {offline} of {logins} logins down since {since}. Opened by {agent}.</translation>
    </message>
    <message>
      <source>Massiva {scope} {name} [{key}]</source>
      <translation>Mass outage {scope} {name} [{key}]</translation>
    </message>
  </context>
  <context>
    <name>outbox</name>
    <message>
      <source>Aguardando o protocolo ser aberto no IXC.</source>
      <translation>Waiting for the protocol to be opened in IXC.</translation>
    </message>
    <message>
      <source>O protocolo aberto durante a ligação não chegou ao IXC ({reason}). Tente de novo a abertura e depois este registro.</source>
      <translation>The protocol opened during the call did not reach IXC ({reason}). Retry the opening, then this log.</translation>
    </message>
    <message>
      <source>Tipo de envio desconhecido: {kind}.</source>
      <translation>Unknown delivery kind: {kind}.</translation>
    </message>
    <message>
      <source>Erro interno ao enviar: {error}</source>
      <translation>Internal error while sending: {error}</translation>
    </message>
  </context>
  <context>
    <name>performance</name>
    <message>
      <source>Exportar CSV</source>
      <translation>Export CSV</translation>
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <source>Números exportados para {path}.</source>
      <translation>Figures exported to {path}.</translation>
    </message>
    <message>
      <source>Não foi possível calcular os números: {error}.</source>
      <translation>Could not compute the figures: {error}.</translation>
    </message>
    <message>
      <source>Não foi possível salvar {path}: {error}.</source>
      <translation>Could not save {path}: {error}.</translation>
    </message>
  </context>
  <context>
    <name>phone_attach</name>
    <message>
      <source>Adicionar telefone</source>
      <translation>Add phone</translation>
    </message>
    <message>
      <source>O cliente não foi encontrado no IXC.</source>
      <translation>The customer was not found in IXC.</translation>
    </message>
    <message>
      <source>Não foi possível ler o cadastro no IXC: {reason}</source>
      <translation>Could not read the customer in IXC: {reason}</translation>
    </message>
    <message>
      <source>O telefone não foi adicionado: {reason}</source>
      <translation>The phone was not added: {reason}</translation>
    </message>
  </context>
  <context>
    <name>queues</name>
    <message>
      <source>Nenhum código de discagem configurado para entrar e sair das filas ([threecx] queue_login_code e queue_logout_code).</source>
      <translation>No dial code configured to log in and out of the queues ([threecx] queue_login_code and queue_logout_code).</translation>
    </message>
    <message>
      <source>o 3CX não atendeu o código</source>
      <translation>3CX did not answer the code</translation>
    </message>
    <message>
      <source>Seu turno começou e você não está nas filas de atendimento. Entre nas filas para receber ligações.</source>
      <translation>Your shift has started and you are not in the support queues. Log in to the queues to receive calls.</translation>
    </message>
    <message>
      <source>Você entrou nas filas.</source>
      <translation>You are logged in to the queues.</translation>
    </message>
    <message>
      <source>Você saiu das filas.</source>
      <translation>You are logged out of the queues.</translation>
    </message>
    <message>
      <source>Não foi possível mudar o estado nas filas: {why}.</source>
      <translation>Could not change the queue state: {why}.</translation>
    </message>
  </context>
  <context>
    <name>recordings</name>
    <message>
      <source>Salvar gravação</source>
      <translation>Save recording</translation>
    </message>
    <message>
      <source>Áudio WAV (*.wav)</source>
      <translation>WAV audio (*.wav)</translation>
    </message>
    <message>
      <source>Gravações indisponíveis: configure a API do 3CX ([threecx] url, client_id e chave).</source>
      <translation>Recordings unavailable: configure the 3CX API ([threecx] url, client_id and key).</translation>
    </message>
    <message>
      <source>{number} · {when}</source>
      <translation>{number} · {when}</translation>
    </message>
    <message>
      <source>O 3CX não tem gravação desta chamada (a gravação pode estar desligada para este ramal ou fila).</source>
      <translation>3CX has no recording of this call (recording may be off for this extension or queue).</translation>
    </message>
    <message>
      <source>Gravação salva em {path}.</source>
      <translation>Recording saved to {path}.</translation>
    </message>
    <message>
      <source>Gravação: {why}</source>
      <translation>Recording: {why}</translation>
    </message>
    <message>
      <source>Não foi possível salvar {path}: {error}.</source>
      <translation>Could not save {path}: {error}.</translation>
    </message>
  </context>
  <context>
    <name>service_order</name>
    <message>
      <source>Baixa</source>
      <translation>Low</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normal</translation>
    </message>
    <message>
      <source>Alta</source>
      <translation>High</translation>
    </message>
    <message>
      <source>Crítica</source>
      <translation>Critical</translation>
    </message>
  </context>
  <context>
    <name>settings_file</name>
    <message>
      <source>O chaveiro do sistema recusou guardar a senha ({key}): {reason}. Nada foi salvo.</source>
      <translation>The system keyring refused to store the secret ({key}): {reason}. Nothing was saved.</translation>
    </message>
  </context>
  <context>
    <name>sip</name>
    <message>
      <source>No modo acompanhante o Ramal não atende: atenda no telefone da mesa.</source>
      <translation>In companion mode Ramal does not answer: answer on the desk phone.</translation>
    </message>
    <message>
      <source>Esta chamada não está tocando.</source>
      <translation>This call is not ringing.</translation>
    </message>
    <message>
      <source>A chamada ainda não foi atendida.</source>
      <translation>The call has not been answered yet.</translation>
    </message>
    <message>
      <source>Dígitos DTMF inválidos: {digits!r}</source>
      <translation>Invalid DTMF digits: {digits!r}</translation>
    </message>
    <message>
      <source>O telefone não está ligado.</source>
      <translation>The phone is not on.</translation>
    </message>
    <message>
      <source>O motor SIP parou por um erro interno.</source>
      <translation>The SIP engine stopped on an internal error.</translation>
    </message>
    <message>
      <source>O telefone foi desligado.</source>
      <translation>The phone was turned off.</translation>
    </message>
    <message>
      <source>Chamada {call_id} não existe ou já terminou.</source>
      <translation>Call {call_id} does not exist or has already ended.</translation>
    </message>
    <message>
      <source>Número inválido: {number!r}</source>
      <translation>Invalid number: {number!r}</translation>
    </message>
  </context>
  <context>
    <name>startup</name>
    <message>
      <source>Não foi possível gravar o log em {folder} ({reason}); o Ramal funciona sem arquivo de log.</source>
      <translation>Could not write the log in {folder} ({reason}); Ramal works without a log file.</translation>
    </message>
  </context>
  <context>
    <name>supervisor</name>
    <message>
      <source>A visão de supervisão precisa da API do 3CX: configure [threecx] url, client_id e a chave de API.</source>
      <translation>The supervisor view needs the 3CX API: configure [threecx] url, client_id and the API key.</translation>
    </message>
    <message>
      <source>Consultando os relatórios do 3CX…</source>
      <translation>Querying 3CX's reports…</translation>
    </message>
    <message>
      <source>Exportar CSV</source>
      <translation>Export CSV</translation>
    </message>
    <message>
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <source>Atualize a visão de supervisão antes de exportar.</source>
      <translation>Refresh the supervisor view before exporting.</translation>
    </message>
    <message>
      <source>O 3CX não conseguiu calcular um período tão longo: escolha um período mais curto.</source>
      <translation>3CX could not compute such a long period: choose a shorter period.</translation>
    </message>
    <message>
      <source>De {start} a {end}: {queues} filas, {agents} agentes.</source>
      <translation>From {start} to {end}: {queues} queues, {agents} agents.</translation>
    </message>
    <message>
      <source>Números exportados para {path}.</source>
      <translation>Figures exported to {path}.</translation>
    </message>
    <message>
      <source>Os números do 3CX chegaram, mas o IXC não respondeu: {why}</source>
      <translation>3CX's figures arrived, but IXC did not answer: {why}</translation>
    </message>
    <message>
      <source>Não foi possível salvar {path}: {error}.</source>
      <translation>Could not save {path}: {error}.</translation>
    </message>
  </context>
  <context>
    <name>support</name>
    <message>
      <source>Exportar diagnóstico</source>
      <translation>Export diagnostics</translation>
    </message>
    <message>
      <source>Arquivo zip (*.zip)</source>
      <translation>Zip file (*.zip)</translation>
    </message>
    <message>
      <source>Diagnóstico salvo em {path}. Envie este arquivo ao suporte: ele não contém senhas nem tokens.</source>
      <translation>Diagnostics saved to {path}. Send this file to support: it contains no passwords or tokens.</translation>
    </message>
    <message>
      <source>Não foi possível salvar o diagnóstico em {path}: {error}</source>
      <translation>Could not save the diagnostics to {path}: {error}</translation>
    </message>
  </context>
  <context>
    <name>threecx</name>
    <message>
      <source>Supervisão</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <source>Recursos do 3CX via API desligados: [threecx] url, client_id e a chave de API não configurados.</source>
      <translation>3CX API features off: [threecx] url, client_id and the API key are not configured.</translation>
    </message>
    <message>
      <source>Recursos do 3CX via API desligados: a licença do 3CX não é Enterprise (a XAPI exige Enterprise). Entrar e sair das filas pelos códigos de discagem continua funcionando.</source>
      <translation>3CX API features off: the 3CX licence is not Enterprise (XAPI requires Enterprise). Queue login and logout by dial code still work.</translation>
    </message>
    <message>
      <source>Recursos do 3CX via API desligados: {why}</source>
      <translation>3CX API features off: {why}</translation>
    </message>
    <message>
      <source>3CX {version} Enterprise: filas, gravações e relatórios via API ligados.</source>
      <translation>3CX {version} Enterprise: queues, recordings and reports through the API on.</translation>
    </message>
    <message>
      <source>O 3CX recusou o Client ID ou a chave de API. Confira [threecx] client_id e a chave no chaveiro (Integrações → API no console do 3CX).</source>
      <translation>3CX refused the Client ID or the API key. Check [threecx] client_id and the key in the keyring (Integrations → API in the 3CX console).</translation>
    </message>
    <message>
      <source>O 3CX demorou demais para responder (504): escolha um período menor.</source>
      <translation>3CX took too long to answer (504): choose a shorter period.</translation>
    </message>
    <message>
      <source>O 3CX não respondeu a tempo. Tente de novo em instantes.</source>
      <translation>3CX did not answer in time. Try again in a moment.</translation>
    </message>
    <message>
      <source>O cliente de API do 3CX não tem permissão para {what}. Peça ao administrador a função System Owner para esse cliente.</source>
      <translation>The 3CX API client has no permission for {what}. Ask the administrator for the System Owner role for that client.</translation>
    </message>
    <message>
      <source>Não foi possível falar com o 3CX: {detail}.</source>
      <translation>Could not reach 3CX: {detail}.</translation>
    </message>
    <message>
      <source>O 3CX respondeu algo que o Ramal não entende ({detail}).</source>
      <translation>3CX answered something Ramal does not understand ({detail}).</translation>
    </message>
    <message>
      <source>O 3CX não encontrou {what}.</source>
      <translation>3CX did not find {what}.</translation>
    </message>
  </context>
  <context>
    <name>whatsapp_payment</name>
    <message>
      <source>PIX enviado no WhatsApp às {time} (fatura {invoice})</source>
      <translation>PIX sent on WhatsApp at {time} (invoice {invoice})</translation>
    </message>
    <message>
      <source>2ª via enviada no WhatsApp às {time} (fatura {invoice})</source>
      <translation>Boleto copy sent on WhatsApp at {time} (invoice {invoice})</translation>
    </message>
    <message>
      <source>PIX</source>
      <translation>PIX</translation>
    </message>
    <message>
      <source>2ª via</source>
      <translation>Boleto copy</translation>
    </message>
    <message>
      <source>O cadastro do cliente no IXC não tem celular com WhatsApp.</source>
      <translation>The customer's IXC record has no mobile number with WhatsApp.</translation>
    </message>
    <message>
      <source>Não há código para enviar.</source>
      <translation>There is no code to send.</translation>
    </message>
    <message>
      <source>O cliente não tem conversa aberta no OPA e nenhum modelo de WhatsApp de cobrança está configurado ([actions] whatsapp_template_id e [opa] template_channel).</source>
      <translation>The customer has no open OPA conversation and no WhatsApp billing template is configured ([actions] whatsapp_template_id and [opa] template_channel).</translation>
    </message>
    <message>
      <source>O limite diário de modelos de WhatsApp do canal acabou{counted}. Peça ao cliente que mande uma mensagem no WhatsApp (conversa aberta não usa o limite) ou passe o código por telefone.</source>
      <translation>The channel's daily WhatsApp template limit is used up{counted}. Ask the customer to send a WhatsApp message (an open conversation does not use the limit) or read the code over the phone.</translation>
    </message>
    <message>
      <source>{what} não enviado no WhatsApp às {time}: {message}</source>
      <translation>{what} not sent on WhatsApp at {time}: {message}</translation>
    </message>
    <message>
      <source>{what} enviado no WhatsApp por modelo para {phone} (o cliente não tinha conversa aberta).</source>
      <translation>{what} sent on WhatsApp by template to {phone} (the customer had no open conversation).</translation>
    </message>
    <message>
      <source> ({sent} de {limit} hoje)</source>
      <translation> ({sent} of {limit} today)</translation>
    </message>
    <message>
      <source> por modelo</source>
      <translation> by template</translation>
    </message>
    <message>
      <source>{error} A mensagem pode ter chegado: pergunte ao cliente antes de enviar de novo.</source>
      <translation>{error} The message may have arrived: ask the customer before sending again.</translation>
    </message>
    <message>
      <source>{what} enviado no WhatsApp, na conversa {protocol} do OPA.</source>
      <translation>{what} sent on WhatsApp, in OPA conversation {protocol}.</translation>
    </message>
    <message>
      <source>Só parte foi enviada: {error}</source>
      <translation>Only part was sent: {error}</translation>
    </message>
    <message>
      <source>Olá!</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>fatura {invoice}</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>Olá, {name}!</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>{hello} Segue o PIX copia e cola da sua {what}. Copie a próxima mensagem e cole no app do seu banco, em PIX → Copia e cola.</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>{hello} Segue a 2ª via da sua {what}.</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>vencimento {due}</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>Linha digitável: {line}</source>
      <translation type="vanished" />
    </message>
    <message>
      <source>Boleto: {link}</source>
      <translation type="vanished" />
    </message>
  </context>
  <context>
    <name>whatsapp_send</name>
    <message>
      <source>o PIX copia e cola</source>
      <translation>the PIX copy-and-paste code</translation>
    </message>
    <message>
      <source>a 2ª via do boleto</source>
      <translation>the boleto copy</translation>
    </message>
    <message>
      <source>Enviando pelo OPA…</source>
      <translation>Sending through OPA…</translation>
    </message>
    <message>
      <source>Enviar {what} da fatura {invoice} no WhatsApp de {name}? Vai na conversa aberta no OPA ou, se não houver, por modelo de mensagem.</source>
      <translation>Send {what} of invoice {invoice} to {name}'s WhatsApp? It goes into the open OPA conversation or, if there is none, by message template.</translation>
    </message>
    <message>
      <source>Enviar no WhatsApp</source>
      <translation>Send on WhatsApp</translation>
    </message>
  </context>
  <context>
    <name>widget</name>
    <message>
      <source>OS</source>
      <translation>Orders</translation>
    </message>
    <message>
      <source>financeiro</source>
      <translation>billing</translation>
    </message>
    <message>
      <source>conexão</source>
      <translation>connection</translation>
    </message>
    <message>
      <source>pendente</source>
      <translation>pending</translation>
    </message>
    <message>
      <source>enviando</source>
      <translation>sending</translation>
    </message>
    <message>
      <source>enviado</source>
      <translation>sent</translation>
    </message>
    <message>
      <source>falhou</source>
      <translation>failed</translation>
    </message>
    <message>
      <source>Atendimento no IXC</source>
      <translation>Ticket in IXC</translation>
    </message>
    <message>
      <source>Discord</source>
      <translation>Discord</translation>
    </message>
    <message>
      <source>OPA (observação no atendimento)</source>
      <translation>OPA (note on the conversation)</translation>
    </message>
    <message>
      <source>OPA (aviso aos atendentes)</source>
      <translation>OPA (notice to the attendants)</translation>
    </message>
    <message>
      <source>Protocolo {protocol}</source>
      <translation>Protocol {protocol}</translation>
    </message>
    <message>
      <source>Mensagem {id} publicada no canal</source>
      <translation>Message {id} posted to the channel</translation>
    </message>
    <message>
      <source>Observação no atendimento {protocol} do OPA</source>
      <translation>Note on OPA conversation {protocol}</translation>
    </message>
    <message>
      <source>Modelo de WhatsApp enviado para abrir o atendimento</source>
      <translation>WhatsApp template sent to open the conversation</translation>
    </message>
    <message>
      <source>{n} atendente(s) avisado(s)</source>
      <translation>{n} attendant(s) notified</translation>
    </message>
    <message>
      <source>motivo desconhecido</source>
      <translation>unknown reason</translation>
    </message>
    <message>
      <source>{error} Nova tentativa às {when}.</source>
      <translation>{error} Retrying at {when}.</translation>
    </message>
    <message>
      <source>aguardando envio</source>
      <translation>waiting to be sent</translation>
    </message>
  </context>
</TS>
