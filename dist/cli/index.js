#!/usr/bin/env node
import{createRequire as s}from"module";var O={7593:((e,i,t)=>{t.d(i,{Zy:()=>u,eb:()=>n});class n extends Error{name="UsageError"}const a=new Set(["help","no-cache","verbose","no-browser","role-chaining","dry-run","i-understand-any-repo","handover","operator"]);function u(l,p){const c=new Map,h=[];let g="";for(let d=0;d<l.length;d++){const m=l[d];if(m==="--"){h.push(...l.slice(d+1));break}if(m==="-h"){c.set("help","true");continue}if(!m.startsWith("--")){g?h.push(m):g=m;continue}const y=m.indexOf("="),f=m.slice(2,y<0?void 0:y);if(!p.has(f))throw new n(`unknown flag --${o(f)}${_(f,p)}`);if(c.has(f))throw new n(`--${f} is given twice`);if(y>=0)c.set(f,m.slice(y+1));else if(a.has(f))c.set(f,"true");else{const A=l[d+1];if(A===void 0||/^--[a-z]/i.test(A))throw new n(`--${f} needs a value`);c.set(f,A),d++}}return{command:g,flags:c,rest:h}}function o(l){const p=l.replace(/\p{Cc}/gu,"?");return p.length>40?`${p.slice(0,40)}...`:p}function _(l,p){const c=[...p].filter(h=>w(h,l)<=2).sort((h,g)=>w(h,l)-w(g,l));return c[0]?` (did you mean --${c[0]}?)`:""}function w(l,p){const c=Array.from({length:p.length+1},(h,g)=>g);for(let h=1;h<=l.length;h++){let g=c[0];c[0]=h;for(let d=1;d<=p.length;d++){const m=Math.min(c[d]+1,c[d-1]+1,g+(l[h-1]===p[d-1]?0:1));g=c[d],c[d]=m}}return c[p.length]}}),1957:((e,i,t)=>{t.d(i,{f6:()=>_,oP:()=>n,vB:()=>a,wL:()=>p});const n=["web-identity-token-env","auth","format","no-cache","cache-dir","verbose","help","issuer","client-id","client-secret","port","no-browser","max-lifetime-s","handover","endpoint-url","endpoint-token-file"],a=["out","policy-arn","duration-seconds","repo","branch","tag","environment","role-name","certificate-id","dry-run","i-understand-any-repo","github-repo","github-environment","config","concurrency","operator"],u={"aws-region":["AWS_REGION","AWS_DEFAULT_REGION"],"role-to-assume":["AWS_ROLE_ARN"],"role-session-name":["AWS_ROLE_SESSION_NAME"],"web-identity-token-file":["AWS_WEB_IDENTITY_TOKEN_FILE"]};function o(c){return`ASLC_${c.toUpperCase().replace(/-/g,"_")}`}function _(c,h,g){return d=>{const m=c.get(d);if(m!==void 0)return m.trim();for(const y of[o(d),...u[d]??[]]){const f=h[y];if(f)return f.trim()}return g?.get(d)?.trim()??""}}const w=["private-key","private-key-passphrase","client-secret","certificate"],l=["AWS_SECRET_ACCESS_KEY","AWS_SESSION_TOKEN","ACTIONS_ID_TOKEN_REQUEST_TOKEN"];function p(c,h,g){const d=l.map(y=>h[y]??"");for(const y of w)for(const f of[c.get(y),h[o(y)],g?.get(y)])f&&(y==="certificate"&&(/-----BEGIN CERTIFICATE-----/.test(f)||!/^[A-Za-z0-9+/=\s]{100,}$/.test(f))||d.push(f));const m=c.get("web-identity-token-env")??h[o("web-identity-token-env")]??g?.get("web-identity-token-env");return m&&d.push(h[m]??""),d.filter(y=>y!=="")}}),3916:((e,i,t)=>{t.d(i,{Gy:()=>a,dz:()=>n,ux:()=>_});class n extends Error{input;problem;fix;name="InputError";constructor(l,p,c){super(`${/^[A-Z0-9_]+$/.test(l)?"Environment variable":"Input"} '${l}': ${p}. ${c}`),this.input=l,this.problem=p,this.fix=c}}class a extends Error{call;hint;retryable;name="AwsError";code;serviceMessage;constructor(l,p,c,h,g){const d=o(p,100),m=o(c);super(`${l} failed: ${d}${m?`: ${m}`:""}${h?`. ${h}`:""}`),this.call=l,this.hint=h,this.retryable=g,this.code=d,this.serviceMessage=m}}const u=500;function o(w,l=u){const p=w.replace(/[\p{Cc}\u2028\u2029]+/gu," ");return p.length>l?`${p.slice(0,l)}\u2026`:p}function _(w){return w instanceof n||w instanceof a}}),2613:(e=>{e.exports=s(import.meta.url)("assert")}),181:(e=>{e.exports=s(import.meta.url)("buffer")}),9140:(e=>{e.exports=s(import.meta.url)("constants")}),4434:(e=>{e.exports=s(import.meta.url)("events")}),9896:(e=>{e.exports=s(import.meta.url)("fs")}),8611:(e=>{e.exports=s(import.meta.url)("http")}),5692:(e=>{e.exports=s(import.meta.url)("https")}),9278:(e=>{e.exports=s(import.meta.url)("net")}),4589:(e=>{e.exports=s(import.meta.url)("node:assert")}),6698:(e=>{e.exports=s(import.meta.url)("node:async_hooks")}),4573:(e=>{e.exports=s(import.meta.url)("node:buffer")}),1421:(e=>{e.exports=s(import.meta.url)("node:child_process")}),7540:(e=>{e.exports=s(import.meta.url)("node:console")}),7598:(e=>{e.exports=s(import.meta.url)("node:crypto")}),3053:(e=>{e.exports=s(import.meta.url)("node:diagnostics_channel")}),610:(e=>{e.exports=s(import.meta.url)("node:dns")}),8474:(e=>{e.exports=s(import.meta.url)("node:events")}),3024:(e=>{e.exports=s(import.meta.url)("node:fs")}),1455:(e=>{e.exports=s(import.meta.url)("node:fs/promises")}),7067:(e=>{e.exports=s(import.meta.url)("node:http")}),2467:(e=>{e.exports=s(import.meta.url)("node:http2")}),4708:(e=>{e.exports=s(import.meta.url)("node:https")}),7030:(e=>{e.exports=s(import.meta.url)("node:net")}),8161:(e=>{e.exports=s(import.meta.url)("node:os")}),6760:(e=>{e.exports=s(import.meta.url)("node:path")}),643:(e=>{e.exports=s(import.meta.url)("node:perf_hooks")}),1708:(e=>{e.exports=s(import.meta.url)("node:process")}),1792:(e=>{e.exports=s(import.meta.url)("node:querystring")}),7075:(e=>{e.exports=s(import.meta.url)("node:stream")}),1692:(e=>{e.exports=s(import.meta.url)("node:tls")}),3136:(e=>{e.exports=s(import.meta.url)("node:url")}),7975:(e=>{e.exports=s(import.meta.url)("node:util")}),3429:(e=>{e.exports=s(import.meta.url)("node:util/types")}),5919:(e=>{e.exports=s(import.meta.url)("node:worker_threads")}),8522:(e=>{e.exports=s(import.meta.url)("node:zlib")}),857:(e=>{e.exports=s(import.meta.url)("os")}),6928:(e=>{e.exports=s(import.meta.url)("path")}),932:(e=>{e.exports=s(import.meta.url)("process")}),4584:(e=>{e.exports=s(import.meta.url)("stream")}),3193:(e=>{e.exports=s(import.meta.url)("string_decoder")}),4756:(e=>{e.exports=s(import.meta.url)("tls")}),9023:(e=>{e.exports=s(import.meta.url)("util")})},S={};function r(e){var i=S[e];if(i!==void 0)return i.exports;var t=S[e]={exports:{}},n=!0;try{O[e].call(t.exports,t,t.exports,r),n=!1}finally{n&&delete S[e]}return t.exports}r.m=O,typeof r<"u"&&(r.ab=decodeURIComponent(new URL(".",import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/)?1:0,-1)+"/"),r.n=e=>{var i=e&&e.__esModule?()=>e.default:()=>e;return r.d(i,{a:i}),i},(()=>{var e=Object.getPrototypeOf?t=>Object.getPrototypeOf(t):t=>t.__proto__,i;r.t=function(t,n){if(n&1&&(t=this(t)),n&8||typeof t=="object"&&t&&(n&4&&t.__esModule||n&16&&typeof t.then=="function"))return t;var a=Object.create(null);r.r(a);var u={};i=i||[null,e({}),e([]),e(e)];for(var o=n&2&&t;typeof o=="object"&&!~i.indexOf(o);o=e(o))Object.getOwnPropertyNames(o).forEach(_=>u[_]=()=>t[_]);return u.default=()=>t,r.d(a,u),a}})(),r.d=(e,i)=>{for(var t in i)r.o(i,t)&&!r.o(e,t)&&Object.defineProperty(e,t,{enumerable:!0,get:i[t]})},r.f={},r.e=e=>Promise.all(Object.keys(r.f).reduce((i,t)=>(r.f[t](e,i),i),[])),r.u=e=>""+e+".index.js",r.o=(e,i)=>Object.prototype.hasOwnProperty.call(e,i),r.r=e=>{typeof Symbol<"u"&&Symbol.toStringTag&&Object.defineProperty(e,Symbol.toStringTag,{value:"Module"}),Object.defineProperty(e,"__esModule",{value:!0})},(()=>{var e={792:0},i=t=>{var{ids:n,modules:a,runtime:u}=t,o,_,w=0;for(o in a)r.o(a,o)&&(r.m[o]=a[o]);for(u&&u(r);w<n.length;w++)_=n[w],r.o(e,_)&&e[_]&&e[_][0](),e[n[w]]=0};r.f.j=(t,n)=>{var a=r.o(e,t)?e[t]:void 0;if(a!==0)if(a)n.push(a[1]);else{var u=import("./"+r.u(t)).then(i,o=>{throw e[t]!==0&&(e[t]=void 0),o}),u=Promise.race([u,new Promise(o=>a=e[t]=[o])]);n.push(a[1]=u)}}})();var T={};r.d(T,{a:()=>W});var k=r(3916);const C=["aws-region","mode","role-to-assume","role-session-name","role-duration-seconds","audience","web-identity-token-file","inline-session-policy","managed-session-policies","chain-role-arn","role-external-id","role-skip-session-tagging","role-chaining","iot-credential-endpoint","role-alias","thing-name","certificate","certificate-chain","private-key","private-key-passphrase","ca-certificate","trust-anchor-arn","profile-arn","minio-endpoint","output-env-credentials","output-credentials","credentials-file","profile","mask-aws-account-id","retry-max-attempts","action-timeout-s","http-proxy","aws-profile","overwrite-aws-profile","aws-access-key-id","aws-secret-access-key","aws-session-token","no-proxy","transitive-tag-keys","custom-tags","unset-current-credentials","disable-retry","special-characters-workaround","use-existing-credentials","allowed-account-ids","force-skip-oidc","sts-endpoint","refresh-credentials","refresh-margin-s"];function $(e){return`INPUT_${e.replace(/ /g,"_").toUpperCase()}`}function B(e,i=C){const t=new Set(i.map($)),n=Object.keys(e).filter(a=>a.startsWith("INPUT_")&&!t.has(a)).map(a=>a.slice(6).toLowerCase()).sort();if(n.length!==0)throw new InputError(n[0],`is not an input of this action${n.length>1?` (nor ${n.length>2?"are":"is"} ${n.slice(1).join(", ")})`:""}; the runner would only have warned`,`Check the spelling under with:. Valid inputs: ${[...i].sort().join(", ")}`)}var x=r(7593);const v=`Exit codes: 0 success, 1 configuration error, 2 usage error, 3 AWS or network error.
(exec passes the command's own exit code through.)`,E=`Configuration (most specific first):
  --<input> <value>        any action input as a flag: --aws-region, --role-to-assume, --role-alias,
                           --certificate, --private-key (a path or PEM text), --trust-anchor-arn, ...
  ASLC_<INPUT>             the same as environment variables (ASLC_ROLE_ALIAS); also AWS_REGION,
                           AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, AWS_WEB_IDENTITY_TOKEN_FILE
  --auth <auth.yaml>       a file of input names and values (the one 'bootstrap' writes)
OIDC token sources: --web-identity-token-file <path>, --web-identity-token-env <VAR> (GitLab's, CircleCI's
job tokens), or the GitHub runner's token endpoint when present.`,L=`Usage: aws-short-lived-credentials login --issuer <url> --client-id <id> --aws-region <r> --role-to-assume <arn> [flags]

Signs you in at an OpenID Connect provider (Auth0, Okta, Google, Keycloak, ...) with the authorization-code flow and
PKCE on a loopback redirect (http://127.0.0.1:<port>/callback): prints the URL and opens a browser where one exists.
The id-token's signature, issuer, audience, expiry and nonce are verified against the issuer's keys; it is cached
(mode 0600) and never printed. Then it is exchanged with sts:AssumeRoleWithWebIdentity and the credentials cached, so
credential-process, env and exec with the same --issuer and --client-id use them without a browser.
  --client-secret <s>      for confidential clients
  --port <n>               a fixed callback port, when the provider needs the exact redirect URI registered
  --no-browser             only print the URL`,N={login:`${L}

${v}`,"":`aws-short-lived-credentials: short-lived AWS credentials from an OIDC token or an X.509 certificate.

Usage: aws-short-lived-credentials <command> [flags]

Commands:
  credential-process   print credentials as AWS credential_process JSON (cached)
  env                  print credentials as environment variables (--format sh|dotenv|powershell|json)
  exec -- <cmd...>     run a command with the credentials in its environment
  login                sign in at an OIDC identity provider in a browser, then exchange the id-token
  serve [-- <cmd...>]  a local credentials endpoint that refreshes before expiry (the SDKs' container provider)
  bootstrap <what>     create the AWS side of a mode (iot, oidc) and rotate, revoke or destroy it
  help <command>       help for a command

${E}

${v}`,"credential-process":`Usage: aws-short-lived-credentials credential-process [flags]

Prints {"Version":1,"AccessKeyId",...,"Expiration"} for the AWS CLI and SDKs. In ~/.aws/config:
  [profile ci]
  credential_process = aws-short-lived-credentials credential-process --auth /path/to/auth.yaml

Credentials are cached per configuration (mode 0600, under $XDG_CACHE_HOME or ~/.cache) and refreshed when less than
--refresh-margin-s (default 900) is left; concurrent calls wait for one exchange.
  --no-cache               always exchange, never read or write the cache
  --cache-dir <dir>        where the cache lives
  --refresh-margin-s <n>   refresh when fewer seconds than this are left
  --verbose                debug lines on stderr (never secrets)
  --endpoint-url <url> --endpoint-token-file <file>
                           instead, print what a running \`serve\` endpoint holds now (the line refresh-credentials
                           writes into a profile); the token is read from the file

${E}

${v}`,env:`Usage: aws-short-lived-credentials env [--format sh|dotenv|powershell|json] [flags]

Prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and
AWS_DEFAULT_REGION.  Example: eval "$(aws-short-lived-credentials env --auth auth.yaml)"

${E}

${v}`,exec:`Usage: aws-short-lived-credentials exec [flags] -- <command> [args...]

Runs the command with the credentials in its environment (AWS_PROFILE removed so SDKs use them), and exits with
its exit code.

${E}

${v}`,serve:`Usage: aws-short-lived-credentials serve [flags] [-- <command> [args...]]

Exchanges once, then serves the credentials on http://127.0.0.1:<random port>/<random path> in the form the AWS SDKs'
container credential provider reads, and exchanges again before they expire (every answer from memory). Without a
command it prints AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN and the region, and serves
until interrupted; with one, it runs the command with them (static AWS_* keys and AWS_PROFILE removed, as every SDK
prefers them) and exits with its code. Every request needs the token; any process of this user that has it can ask.
  --refresh-margin-s <n>   refresh when fewer seconds than this are left (default: every answer 15 minutes from expiry)
  --max-lifetime-s <n>     stop after this long (default 86400)
  --format <f>             sh (default), dotenv, powershell, json
  Example: aws-short-lived-credentials serve --auth auth.yaml -- make deploy

${E}

${v}`,bootstrap:`Usage: aws-short-lived-credentials bootstrap <iot|rotate|revoke|destroy> <name> [flags]
       aws-short-lived-credentials bootstrap oidc --repo owner/name [--branch b | --tag t | --environment e] [flags]
       aws-short-lived-credentials bootstrap sync --config operator.yaml [--dry-run] [--concurrency n]

Creates the AWS side of a mode with the operator's own AWS credentials (the standard chain: AWS_PROFILE, AWS_ACCESS_KEY_ID,
...), planned first and applied step by step. Re-running finds what exists and creates only what is missing; a failed
step is named, and re-running completes the work. A drifted trust policy is replaced (UpdateAssumeRolePolicy), a drifted
IoT policy gets a new default version.

  iot <name>        IAM role <name>-role (trusts credentials.iot.amazonaws.com; no permissions unless --policy-arn),
                    thing type <name>-type, thing <name>, a certificate (only when the thing has none), IoT policy
                    <name>-policy (iot:AssumeRoleWithCertificate on the role alias only, thing attached), role alias
                    <name>-role-alias; writes <out>/<name>/: certificate.pem, private.key (0600), public.key, auth.yaml
                    (for credential-process --auth), and prints the workflow step and the secrets to set, by name
  rotate <name>     a new certificate beside the old one, files switched to it, then the old one deactivated and detached
  revoke <name>     the thing's certificates (or --certificate-id) set REVOKED and detached from policy and thing
  destroy <name>    removes what bootstrap created, in reverse order; keeps anything without its created-by mark
  destroy --role-name <n>   removes the role bootstrap oidc created (the account's OIDC provider is kept)
  oidc              the GitHub OIDC provider if the account has none, and a role whose trust policy admits only
                    --repo (and --branch, --tag or --environment) with audience sts.amazonaws.com
  sync              reconciles operator.yaml (schemas/operator.schema.json): each listed repository provisioned
                    as with iot --github-repo; a certificate older than its rotate-after-days or expiring within 7 days
                    rotated; a repository no longer listed (a thing with created-by and github-repo attributes) revoked,
                    its secrets and variables deleted and its AWS side destroyed. --dry-run prints, per repository,
                    create / rotate / update / revoke / ok / blocked and writes nothing. Exit 1 if any is blocked,
                    3 if any failed (the others still ran)

  --github-repo <owner/name>   iot, rotate, revoke: deliver to that repository instead of files. The certificate and
                    key become Actions secrets IOT_CERTIFICATE, IOT_PRIVATE_KEY (sealed with the repository's key; the
                    key is written nowhere else unless --out is given), the settings Actions variables IOT_AWS_REGION,
                    IOT_CREDENTIAL_ENDPOINT, IOT_ROLE_ALIAS, IOT_THING_NAME, IOT_CERTIFICATE_ID, IOT_CREATED_BY. rotate
                    verifies the new pair before delivering it and retires the old one only after; revoke also
                    deletes the secrets and variables. Token: GITHUB_TOKEN (Secrets, Variables, Environments: write);
                    GitHub Enterprise Server: GITHUB_API_URL
  --github-environment <e>  the repository's environment to deliver to (created when missing)
  --iot-credential-endpoint <url>   the endpoint to store and verify against (default: DescribeEndpoint's)
  --aws-region <r>          region (or AWS_REGION)
  --dry-run                 print the plan (exists / create / change / attach ...) and call nothing that writes
  --out <dir>               where <name>/ is written (default ./output)
  --policy-arn <arn,...>    managed policies to attach to the role
  --duration-seconds <n>    the role alias's credential lifetime (default 3600)
  --certificate-id <id>     revoke: only this certificate
  --role-name <name>        oidc: the role's name (default github-<owner>-<repo>)
  --i-understand-any-repo   oidc: allow a trust policy that admits every repository (repo:*, a wildcard owner)
  --operator                oidc: the role of the operator workflow, with an inline policy granting what sync calls
                            (IoT and IAM on gh-* resources in --aws-region; see README, The operator)
  --config <file>           sync: the desired state
  --concurrency <n>         sync: repositories read and changed at a time (default 4)
  --retry-max-attempts <n>  attempts per AWS call (or AWS_MAX_ATTEMPTS)
AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_IAM / _IOT) point the calls elsewhere, as in every AWS SDK.

${v}`};var b=r(1957);const P=3,U=/eyJ[\w-]{10,}(?:\.[\w-]*){0,2}/g,D=/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,K=/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;class M{secrets=new Set;add(i){const t=i?.trim();if(!(!t||t.length<P)){this.secrets.add(t);for(const n of t.split(/\r?\n|\\n/))n.trim().length>=16&&!n.startsWith("-----")&&this.secrets.add(n.trim())}}scrub(i){let t=i;for(const n of[...this.secrets].sort((a,u)=>u.length-a.length))t=t.split(n).join("***");return t.replace(D,"***").replace(U,"***").replace(K,"?")}}const R=new Set([...C,...b.oP,...b.vB]),G={"credential-process":async()=>(await r.e(518).then(r.bind(r,9518))).credentialProcess,env:async()=>(await r.e(518).then(r.bind(r,9518))).envCommand,exec:async()=>(await r.e(518).then(r.bind(r,9518))).execCommand,login:async()=>(await r.e(518).then(r.bind(r,9518))).loginCommand,serve:async()=>(await Promise.all([r.e(752),r.e(518),r.e(531)]).then(r.bind(r,7531))).serveCommand,bootstrap:async()=>(await Promise.all([r.e(752),r.e(719),r.e(815),r.e(785),r.e(443),r.e(546)]).then(r.bind(r,3546))).bootstrapCommand};async function W(e,i){const t=new M,n={...i,stderr:o=>i.stderr(t.scrub(o)),secret:o=>t.add(o)};for(const o of(0,b.wL)(new Map,n.env))n.secret(o);let a;try{a=(0,x.Zy)(e,R)}catch(o){return I(o,n)}for(const o of(0,b.wL)(a.flags,n.env))n.secret(o);if(a.command==="help"||a.command===""||a.flags.has("help")){const o=a.command==="help"?a.rest[0]??"":a.command;return n.stdout((N[o]??N[""])+`
`),a.command===""&&!a.flags.has("help")?2:0}const u=G[a.command];if(!u)return I(new x.eb(`unknown command '${a.command}'`),n);try{return await(await u())(a,n,R)}catch(o){if(o instanceof x.eb)return I(o,n);if((0,k.ux)(o))return n.stderr(`aws-short-lived-credentials: ${o.message}
`),o instanceof k.dz?1:3;const _=o;return n.stderr(`aws-short-lived-credentials: unexpected ${_?.name??"error"}: ${_?.message??String(o)}
`),3}}function I(e,i){return i.stderr(`aws-short-lived-credentials: ${e.message}
Run 'aws-short-lived-credentials help' for usage.
`),2}W(process.argv.slice(2),{env:process.env,stdout:e=>process.stdout.write(e),stderr:e=>process.stderr.write(e)}).then(e=>{process.exitCode=e});var j=T.a;export{j as runCli};
