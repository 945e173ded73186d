/**
 * The demo's two journey maps: Nordlys Home's online purchase journey and its Nordlys Box subscription lifecycle.
 * Each touchpoint carries a `topic` per language: the noun phrase the background phrases slot in ("Really happy
 * with {topic}"). German topics are dative with their article, because every German template puts them after
 * `mit`/`bei`/`von`.
 * @module
 */
import type { JourneySlug, Localized } from "./content-types.ts";

export interface TouchpointSpec {
  /** Kebab-case, unique in the workspace; the demo items name it in `touchpointHint`. */
  key: string;
  name: string;
  description: string;
  channel: "web" | "app" | "email" | "chat" | "phone" | "social" | "store" | "survey" | "sms";
  owner: string;
  topic: Localized;
  /** Relative share of background feedback (default 1): delivery gets talked about more than referral codes. */
  volume?: number;
  humanMomentSuggested?: boolean;
  /** A confirmed human moment. */
  humanMoment?: { reason: string; owner: string };
}

export interface StageSpec {
  slug: string;
  name: string;
  description: string;
  /** The helpdesk tag agents put on tickets about this stage. */
  tag: string;
  touchpoints: readonly TouchpointSpec[];
}

export interface JourneySpec {
  slug: JourneySlug;
  name: string;
  description: string;
  /** Share of background feedback that lands on this journey. */
  share: number;
  stages: readonly StageSpec[];
}

const RETAIL: JourneySpec = {
  slug: "retail",
  name: "Online purchase",
  description: "From first seeing Nordlys Home to buying again: the webshop, delivery, support and returns.",
  share: 0.58,
  stages: [
    {
      slug: "discover",
      name: "Discover",
      description: "How customers first hear about Nordlys Home and land on the shop.",
      tag: "marketing",
      touchpoints: [
        {
          key: "discover-social-ads",
          name: "Instagram & Facebook ads",
          description: "Paid social campaigns that bring first-time visitors to the shop.",
          channel: "social",
          owner: "Growth marketing",
          topic: { en: "your Instagram ads", da: "jeres Instagram-annoncer", de: "euren Instagram-Anzeigen" },
          volume: 0.5,
        },
        {
          key: "discover-newsletter",
          name: "Newsletter & campaigns",
          description: "Weekly inspiration emails and seasonal campaign sends.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the newsletter", da: "nyhedsbrevet", de: "dem Newsletter" },
          volume: 0.6,
        },
        {
          key: "discover-search",
          name: "Search & price comparison",
          description: "Google Shopping listings and price-comparison sites such as PriceRunner and Idealo.",
          channel: "web",
          owner: "Growth marketing",
          topic: {
            en: "your listings on PriceRunner",
            da: "jeres priser på PriceRunner",
            de: "den Angeboten auf Idealo",
          },
          volume: 0.4,
        },
        {
          key: "discover-influencer",
          name: "Influencer & customer content",
          description: "Creator collaborations and customer photos on Instagram and TikTok.",
          channel: "social",
          owner: "Brand",
          topic: {
            en: "the influencer collaborations",
            da: "influencer-samarbejderne",
            de: "den Influencer-Kooperationen",
          },
          volume: 0.3,
        },
        {
          key: "discover-showroom",
          name: "Copenhagen showroom",
          description: "The flagship showroom in Østerbro where customers see and touch the range.",
          channel: "store",
          owner: "Retail stores",
          topic: { en: "the showroom in Østerbro", da: "showroomet på Østerbro", de: "dem Showroom in Østerbro" },
          volume: 0.9,
        },
      ],
    },
    {
      slug: "browse",
      name: "Browse & compare",
      description: "Finding the right product, size and price on the webshop and in the app.",
      tag: "product_info",
      touchpoints: [
        {
          key: "browse-product-page",
          name: "Product pages",
          description: "Photos, descriptions, materials and care instructions for each product.",
          channel: "web",
          owner: "E-commerce squad",
          topic: { en: "the product pages", da: "produktsiderne", de: "den Produktseiten" },
          volume: 1.2,
        },
        {
          key: "browse-size-guide",
          name: "Size & fit guide",
          description: "Measurements for bedding, table linen and loungewear.",
          channel: "web",
          owner: "Merchandising",
          topic: { en: "the size guide", da: "størrelsesguiden", de: "dem Größenratgeber" },
          volume: 0.5,
        },
        {
          key: "browse-search-filters",
          name: "On-site search & filters",
          description: "The search box, category filters and sorting.",
          channel: "web",
          owner: "E-commerce squad",
          topic: { en: "the search on your site", da: "søgefunktionen på siden", de: "der Suche auf der Website" },
          volume: 0.5,
        },
        {
          key: "browse-stock-availability",
          name: "Stock & availability",
          description: "Stock levels, back-in-stock alerts and delivery estimates on product pages.",
          channel: "web",
          owner: "Merchandising",
          topic: { en: "the stock information", da: "lagerstatussen", de: "der Lagerverfügbarkeit" },
          volume: 0.7,
        },
        {
          key: "browse-reviews-qa",
          name: "Product reviews & Q&A",
          description: "Customer reviews and questions shown on product pages.",
          channel: "web",
          owner: "E-commerce squad",
          topic: { en: "the product reviews", da: "produktanmeldelserne", de: "den Produktbewertungen" },
          volume: 0.3,
        },
        {
          key: "browse-app",
          name: "Shopping app",
          description: "Browsing and wish lists in the iOS and Android app.",
          channel: "app",
          owner: "App squad",
          topic: { en: "the app", da: "appen", de: "der App" },
          volume: 0.6,
        },
      ],
    },
    {
      slug: "checkout",
      name: "Checkout",
      description: "From basket to order confirmation: codes, payment and delivery choice.",
      tag: "checkout",
      touchpoints: [
        {
          key: "checkout-basket",
          name: "Basket",
          description: "Adding, editing and saving items in the basket.",
          channel: "web",
          owner: "E-commerce squad",
          topic: { en: "the basket", da: "kurven", de: "dem Warenkorb" },
          volume: 0.6,
        },
        {
          key: "checkout-discount-code",
          name: "Discount codes & gift cards",
          description: "Promo codes, gift cards and member discounts at checkout.",
          channel: "web",
          owner: "E-commerce squad",
          topic: { en: "the discount codes", da: "rabatkoderne", de: "den Rabattcodes" },
          volume: 0.6,
        },
        {
          key: "checkout-account-login",
          name: "Account & guest checkout",
          description: "Signing in, creating an account or checking out as a guest.",
          channel: "web",
          owner: "Identity squad",
          topic: { en: "the login at checkout", da: "login-siden", de: "dem Login beim Bestellen" },
          volume: 0.4,
        },
        {
          key: "checkout-payment",
          name: "Payment",
          description: "Card, MobilePay, Klarna and PayPal payments.",
          channel: "web",
          owner: "Payments squad",
          topic: { en: "the payment", da: "betalingen", de: "der Bezahlung" },
          volume: 1.2,
        },
        {
          key: "checkout-delivery-options",
          name: "Delivery options & fees",
          description: "Choosing home delivery, a parcel shop or click & collect, and the shipping fee.",
          channel: "web",
          owner: "Logistics",
          topic: { en: "the delivery options", da: "leveringsmulighederne", de: "den Versandoptionen" },
          volume: 0.7,
        },
        {
          key: "checkout-order-confirmation",
          name: "Order confirmation",
          description: "The confirmation email and receipt sent right after purchase.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the order confirmation", da: "ordrebekræftelsen", de: "der Bestellbestätigung" },
          volume: 0.5,
        },
      ],
    },
    {
      slug: "delivery",
      name: "Delivery",
      description: "From the warehouse to the customer's door, parcel shop or our showroom.",
      tag: "delivery",
      touchpoints: [
        {
          key: "delivery-warehouse-dispatch",
          name: "Warehouse dispatch",
          description: "Picking, packing and the 'your order has shipped' email.",
          channel: "email",
          owner: "Warehouse ops",
          topic: { en: "the packing", da: "pakningen", de: "der Verpackung" },
          volume: 1.1,
        },
        {
          key: "delivery-carrier-handover",
          name: "Carrier handover",
          description: "The parcel leaves our warehouse with PostNord, GLS, DAO or DHL.",
          channel: "web",
          owner: "Logistics",
          topic: { en: "the delivery time", da: "leveringstiden", de: "der Lieferzeit" },
          volume: 2,
        },
        {
          key: "delivery-tracking",
          name: "Tracking updates",
          description: "The tracking link, SMS and email updates while the parcel is on its way.",
          channel: "web",
          owner: "Logistics",
          topic: { en: "the tracking", da: "sporingen", de: "der Sendungsverfolgung" },
          volume: 1,
        },
        {
          key: "delivery-last-mile",
          name: "Doorstep delivery",
          description: "The courier's drop-off at the customer's door, announced by SMS.",
          channel: "sms",
          owner: "Logistics",
          topic: { en: "the courier", da: "budet", de: "dem Paketboten" },
          volume: 1,
        },
        {
          key: "delivery-parcel-shop",
          name: "Parcel shops & lockers",
          description: "Pick-up from parcel shops and parcel lockers.",
          channel: "store",
          owner: "Logistics",
          topic: { en: "the parcel shop pick-up", da: "afhentningen i pakkeshoppen", de: "der Abholung im Paketshop" },
          volume: 0.7,
        },
        {
          key: "delivery-click-collect",
          name: "Click & collect",
          description: "Collecting online orders at the Copenhagen showroom.",
          channel: "store",
          owner: "Retail stores",
          topic: { en: "click & collect", da: "click & collect", de: "Click & Collect" },
          volume: 0.5,
        },
      ],
    },
    {
      slug: "support",
      name: "Use & support",
      description: "Living with the products and getting help when something is wrong.",
      tag: "product_support",
      touchpoints: [
        {
          key: "support-product-quality",
          name: "Product quality",
          description: "How products hold up after a few weeks of use: materials, finish, durability.",
          channel: "web",
          owner: "Product & sourcing",
          topic: { en: "the quality", da: "kvaliteten", de: "der Qualität" },
          volume: 1.3,
        },
        {
          key: "support-chatbot",
          name: "Chat assistant",
          description: "The automated chat on the website that answers FAQs before handing over to an agent.",
          channel: "chat",
          owner: "Digital care",
          topic: { en: "the chat assistant", da: "chatbotten", de: "dem Chatbot" },
          volume: 0.6,
        },
        {
          key: "support-email",
          name: "Email support",
          description: "Customer service by email and the contact form.",
          channel: "email",
          owner: "Support Tier 1",
          topic: { en: "customer service", da: "kundeservice", de: "dem Kundenservice" },
          volume: 1.4,
        },
        {
          key: "support-phone",
          name: "Phone support",
          description: "The customer service phone line, where angry customers and escalations usually land.",
          channel: "phone",
          owner: "Support Tier 2",
          topic: { en: "the phone support", da: "telefonsupporten", de: "der telefonischen Beratung" },
          volume: 0.8,
          humanMomentSuggested: true,
        },
        {
          key: "support-damage-claim",
          name: "Damaged-goods claims",
          description: "Claims for items that arrived broken or failed in use.",
          channel: "phone",
          owner: "Support Tier 2",
          topic: { en: "the damage claim", da: "reklamationen", de: "der Reklamation" },
          volume: 0.6,
          humanMoment: {
            reason:
              "Damaged goods are often gifts or expensive furniture; a person decides on replacement or refund on the " +
              "first call instead of a form asking for three photos.",
            owner: "Support Tier 2",
          },
        },
        {
          key: "support-complaint-escalation",
          name: "Complaint escalations",
          description: "Complaints handed to a team lead after two unresolved contacts.",
          channel: "phone",
          owner: "Customer Care Leads",
          topic: { en: "the complaint handling", da: "klagebehandlingen", de: "der Beschwerdebearbeitung" },
          volume: 0.4,
          humanMoment: {
            reason:
              "A customer who has already failed twice must reach a person with the authority to fix it, never a bot " +
              "or a macro.",
            owner: "Customer Care Leads",
          },
        },
      ],
    },
    {
      slug: "returns",
      name: "Returns & refunds",
      description: "Sending things back, exchanging them and getting the money back.",
      tag: "returns",
      touchpoints: [
        {
          key: "returns-portal",
          name: "Returns portal",
          description: "Registering a return online and choosing a reason.",
          channel: "web",
          owner: "Returns team",
          topic: { en: "the returns portal", da: "returportalen", de: "dem Retourenportal" },
          volume: 0.9,
        },
        {
          key: "returns-label",
          name: "Return label & drop-off",
          description: "Printing or scanning the return label and dropping the parcel off.",
          channel: "email",
          owner: "Returns team",
          topic: { en: "the return label", da: "returlabelen", de: "dem Retourenschein" },
          volume: 0.6,
        },
        {
          key: "returns-exchange",
          name: "Exchanges",
          description: "Swapping an item for another size or colour.",
          channel: "web",
          owner: "Returns team",
          topic: { en: "the exchange", da: "ombytningen", de: "dem Umtausch" },
          volume: 0.5,
        },
        {
          key: "returns-refund",
          name: "Refund processing",
          description: "Refunds to card, MobilePay or gift card once a return has arrived at the warehouse.",
          channel: "email",
          owner: "Finance ops",
          topic: { en: "the refund", da: "tilbagebetalingen", de: "der Rückerstattung" },
          volume: 0.9,
        },
        {
          key: "returns-warranty",
          name: "Warranty & repairs",
          description: "Warranty cases and repairs within the two-year complaint period.",
          channel: "email",
          owner: "Support Tier 2",
          topic: { en: "the warranty case", da: "garantisagen", de: "dem Garantiefall" },
          volume: 0.4,
        },
      ],
    },
    {
      slug: "loyalty",
      name: "Loyalty",
      description: "Coming back: the Nordlys Club, member offers, referrals and what customers say in public.",
      tag: "loyalty",
      touchpoints: [
        {
          key: "loyalty-club-points",
          name: "Nordlys Club points",
          description: "Earning and spending loyalty points.",
          channel: "app",
          owner: "CRM team",
          topic: { en: "the Club points", da: "Club-pointene", de: "den Club-Punkten" },
          volume: 0.5,
        },
        {
          key: "loyalty-review-request",
          name: "Review invitations",
          description: "Emails asking customers to review their purchase a week after delivery.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the review emails", da: "anmeldelsesmailene", de: "den Bewertungs-E-Mails" },
          volume: 0.3,
        },
        {
          key: "loyalty-member-offers",
          name: "Member offers",
          description: "Birthday gifts, early access and member-only sales.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the member offers", da: "medlemstilbuddene", de: "den Mitgliederangeboten" },
          volume: 0.5,
        },
        {
          key: "loyalty-referral",
          name: "Refer a friend",
          description: "Referral codes that give both the customer and the friend a discount.",
          channel: "app",
          owner: "Growth marketing",
          topic: { en: "the referral programme", da: "anbefal-en-ven-ordningen", de: "dem Freunde-werben-Programm" },
          volume: 0.3,
        },
        {
          key: "loyalty-social-complaints",
          name: "Public complaints on social",
          description: "Complaints posted on Instagram, Facebook and review sites, where others read the reply.",
          channel: "social",
          owner: "Social care",
          topic: {
            en: "your replies on social media",
            da: "jeres svar på sociale medier",
            de: "euren Antworten auf Social Media",
          },
          volume: 0.5,
          humanMomentSuggested: true,
        },
      ],
    },
  ],
};

const SUBSCRIPTION: JourneySpec = {
  slug: "subscription",
  name: "Nordlys Box subscription",
  description: "The monthly box of seasonal home goods: signing up, the boxes, billing, pauses, renewal and leaving.",
  share: 0.42,
  stages: [
    {
      slug: "signup",
      name: "Sign-up",
      description: "Choosing a plan and creating the subscription.",
      tag: "signup",
      touchpoints: [
        {
          key: "sub-plan-selection",
          name: "Plan selection",
          description: "Choosing the monthly or yearly plan and the box size.",
          channel: "web",
          owner: "Subscription squad",
          topic: { en: "the choice of plans", da: "valget af abonnement", de: "der Abo-Auswahl" },
          volume: 0.7,
        },
        {
          key: "sub-signup-form",
          name: "Sign-up form",
          description: "Creating the subscription account and entering delivery details.",
          channel: "web",
          owner: "Subscription squad",
          topic: { en: "the sign-up", da: "tilmeldingen", de: "der Anmeldung" },
          volume: 0.5,
        },
        {
          key: "sub-welcome-offer",
          name: "Welcome offer",
          description: "The first box at half price and the free gift for new members.",
          channel: "web",
          owner: "Growth marketing",
          topic: { en: "the welcome offer", da: "velkomsttilbuddet", de: "dem Willkommensangebot" },
          volume: 0.6,
        },
        {
          key: "sub-first-payment",
          name: "First payment & card setup",
          description: "Storing the card or MobilePay agreement for recurring payments.",
          channel: "web",
          owner: "Payments squad",
          topic: { en: "the payment setup", da: "betalingsaftalen", de: "der Einrichtung der Zahlung" },
          volume: 0.5,
        },
        {
          key: "sub-welcome-email",
          name: "Welcome email",
          description: "The welcome email with the first delivery date.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the welcome email", da: "velkomstmailen", de: "der Willkommens-E-Mail" },
          volume: 0.3,
        },
      ],
    },
    {
      slug: "onboarding",
      name: "Onboarding",
      description: "The first weeks: the style quiz, the app and learning how the box works.",
      tag: "onboarding",
      touchpoints: [
        {
          key: "sub-style-quiz",
          name: "Taste & style quiz",
          description: "Questions about colours, scents and dietary needs that guide the curation.",
          channel: "app",
          owner: "Curation team",
          topic: { en: "the style quiz", da: "stilquizzen", de: "dem Stil-Quiz" },
          volume: 0.6,
        },
        {
          key: "sub-app-login",
          name: "App login & password",
          description: "Logging in to the Nordlys app and resetting a forgotten password.",
          channel: "app",
          owner: "Identity squad",
          topic: { en: "the app login", da: "login i appen", de: "dem Login in der App" },
          volume: 0.6,
        },
        {
          key: "sub-onboarding-call",
          name: "Welcome call",
          description: "A personal call to new yearly members in their first two weeks.",
          channel: "phone",
          owner: "Customer success",
          topic: { en: "the welcome call", da: "velkomstopkaldet", de: "dem Begrüßungsanruf" },
          volume: 0.4,
          humanMomentSuggested: true,
        },
        {
          key: "sub-getting-started",
          name: "Getting-started guide",
          description: "Emails explaining skips, pauses and delivery days.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the getting-started emails", da: "introduktionsmailene", de: "den Einführungs-E-Mails" },
          volume: 0.4,
        },
        {
          key: "sub-community",
          name: "Members' community",
          description: "The private Facebook group where members share and swap items from their boxes.",
          channel: "social",
          owner: "Brand",
          topic: {
            en: "the members' Facebook group",
            da: "medlemsgruppen på Facebook",
            de: "der Facebook-Gruppe für Mitglieder",
          },
          volume: 0.3,
        },
      ],
    },
    {
      slug: "first-box",
      name: "First box",
      description: "What arrives: curation, packing, delivery day and unboxing.",
      tag: "box",
      touchpoints: [
        {
          key: "sub-box-curation",
          name: "Box curation",
          description: "Which products go into each month's box and how well they match the quiz.",
          channel: "app",
          owner: "Curation team",
          topic: { en: "the curation", da: "udvælgelsen af produkter", de: "der Produktauswahl" },
          volume: 1.2,
        },
        {
          key: "sub-box-packing",
          name: "Box packing",
          description: "Packing fragile and heat-sensitive items such as candles, ceramics and chocolate.",
          channel: "email",
          owner: "Warehouse ops",
          topic: { en: "the packing of the box", da: "pakningen af boksen", de: "der Verpackung der Box" },
          volume: 0.8,
        },
        {
          key: "sub-box-delivery",
          name: "Box delivery",
          description: "The delivery day and the SMS with the delivery window.",
          channel: "sms",
          owner: "Logistics",
          topic: { en: "the box delivery", da: "leveringen af boksen", de: "der Lieferung der Box" },
          volume: 1,
        },
        {
          key: "sub-box-unboxing",
          name: "Unboxing & product mix",
          description: "Opening the box and the mix of products inside.",
          channel: "app",
          owner: "Curation team",
          topic: { en: "the products in the box", da: "produkterne i boksen", de: "den Produkten in der Box" },
          volume: 1.4,
        },
        {
          key: "sub-box-rating",
          name: "Rate your box",
          description: "Rating each product in the app to tune the next box.",
          channel: "app",
          owner: "Curation team",
          topic: {
            en: "the box rating in the app",
            da: "bedømmelsen af boksen i appen",
            de: "der Bewertung der Box in der App",
          },
          volume: 0.5,
        },
      ],
    },
    {
      slug: "billing",
      name: "Billing",
      description: "Monthly charges, cards, receipts and price changes.",
      tag: "billing",
      touchpoints: [
        {
          key: "sub-billing-charge",
          name: "Monthly charge",
          description: "The recurring card or MobilePay charge on the 1st of each month.",
          channel: "email",
          owner: "Payments squad",
          topic: { en: "the monthly payment", da: "den månedlige betaling", de: "der monatlichen Abbuchung" },
          volume: 0.8,
        },
        {
          key: "sub-billing-card-update",
          name: "Card update & failed payments",
          description: "Updating an expired card and retrying failed charges.",
          channel: "app",
          owner: "Payments squad",
          topic: { en: "the card update", da: "opdateringen af betalingskortet", de: "der Aktualisierung der Karte" },
          volume: 0.5,
        },
        {
          key: "sub-billing-receipts",
          name: "Receipts & invoices",
          description: "Monthly receipts and VAT invoices.",
          channel: "email",
          owner: "Finance ops",
          topic: { en: "the receipts", da: "kvitteringerne", de: "den Rechnungen" },
          volume: 0.3,
        },
        {
          key: "sub-billing-price-change",
          name: "Price change notice",
          description: "The notice sent when the box price changes.",
          channel: "email",
          owner: "Subscription squad",
          topic: { en: "the price change", da: "prisændringen", de: "der Preiserhöhung" },
          volume: 0.5,
        },
        {
          key: "sub-billing-reminders",
          name: "Payment reminders",
          description: "Reminders and retries when a payment fails, including for customers in financial difficulty.",
          channel: "email",
          owner: "Finance ops",
          topic: { en: "the payment reminders", da: "betalingspåmindelserne", de: "den Zahlungserinnerungen" },
          volume: 0.4,
          humanMomentSuggested: true,
        },
      ],
    },
    {
      slug: "changes",
      name: "Changes & pauses",
      description: "Adapting the subscription to life: pausing, skipping, changing plan or address, gifting.",
      tag: "subscription_changes",
      touchpoints: [
        {
          key: "sub-pause",
          name: "Pause subscription",
          description: "Pausing deliveries for one to three months in the app.",
          channel: "app",
          owner: "Subscription squad",
          topic: { en: "the pause option", da: "pausefunktionen", de: "dem Pausieren des Abos" },
          volume: 0.6,
        },
        {
          key: "sub-skip-box",
          name: "Skip a month",
          description: "Skipping the next box before the monthly cut-off date.",
          channel: "app",
          owner: "Subscription squad",
          topic: {
            en: "the skip-a-month option",
            da: "muligheden for at springe en måned over",
            de: "dem Überspringen eines Monats",
          },
          volume: 0.6,
        },
        {
          key: "sub-change-plan",
          name: "Change plan",
          description: "Switching box size or between monthly and yearly billing.",
          channel: "web",
          owner: "Subscription squad",
          topic: { en: "the plan change", da: "skift af abonnement", de: "dem Tarifwechsel" },
          volume: 0.5,
        },
        {
          key: "sub-delivery-address",
          name: "Delivery address & day",
          description: "Changing the delivery address or delivery day.",
          channel: "app",
          owner: "Logistics",
          topic: { en: "the address change", da: "adresseændringen", de: "der Adressänderung" },
          volume: 0.5,
        },
        {
          key: "sub-gift",
          name: "Gift subscriptions",
          description: "Buying boxes as a gift and writing the gift message.",
          channel: "web",
          owner: "Growth marketing",
          topic: { en: "the gift subscription", da: "gaveabonnementet", de: "dem Geschenk-Abo" },
          volume: 0.4,
        },
      ],
    },
    {
      slug: "renewal",
      name: "Renewal",
      description: "The yearly renewal: the review, the reminder, the charge and what members get for staying.",
      tag: "renewal",
      touchpoints: [
        {
          key: "sub-plan-review",
          name: "Year in review",
          description: "An email 30 days before the yearly renewal summarising the member's year.",
          channel: "email",
          owner: "Retention",
          topic: { en: "the year-in-review email", da: "årsoversigten", de: "dem Jahresrückblick" },
          volume: 0.3,
        },
        {
          key: "sub-renewal-notice",
          name: "Renewal reminder",
          description: "The reminder, required by law 14 days ahead, that a yearly plan is about to renew.",
          channel: "email",
          owner: "Retention",
          topic: {
            en: "the renewal reminder",
            da: "påmindelsen om fornyelse",
            de: "der Erinnerung an die Verlängerung",
          },
          volume: 0.5,
          humanMomentSuggested: true,
        },
        {
          key: "sub-renewal-charge",
          name: "Renewal charge",
          description: "The yearly renewal payment.",
          channel: "email",
          owner: "Payments squad",
          topic: { en: "the renewal payment", da: "fornyelsesbetalingen", de: "der Verlängerungszahlung" },
          volume: 0.5,
        },
        {
          key: "sub-member-perks",
          name: "Member perks",
          description: "Extra discounts and early access for subscribers.",
          channel: "app",
          owner: "Retention",
          topic: { en: "the member perks", da: "medlemsfordelene", de: "den Mitgliedervorteilen" },
          volume: 0.5,
        },
        {
          key: "sub-anniversary-box",
          name: "Anniversary box",
          description: "The special box members get after twelve months.",
          channel: "email",
          owner: "CRM team",
          topic: { en: "the anniversary box", da: "jubilæumsboksen", de: "der Jubiläumsbox" },
          volume: 0.4,
        },
      ],
    },
    {
      slug: "cancellation",
      name: "Cancellation & win-back",
      description: "Leaving, and the chance to come back.",
      tag: "cancellation",
      touchpoints: [
        {
          key: "sub-cancel-flow",
          name: "Cancel online",
          description: "Cancelling in the app or on the website.",
          channel: "app",
          owner: "Retention",
          topic: { en: "the cancellation form", da: "opsigelsesformularen", de: "dem Kündigungsformular" },
          volume: 0.7,
        },
        {
          key: "sub-cancellation-call",
          name: "Cancellation call",
          description: "Customers who phone to cancel talk to the retention team.",
          channel: "phone",
          owner: "Retention",
          topic: { en: "the cancellation call", da: "opsigelsessamtalen", de: "dem Kündigungsgespräch" },
          volume: 0.5,
          humanMoment: {
            reason:
              "A customer on the way out deserves a person who listens and can fix the cause; scripted save attempts " +
              "here cost goodwill and public reviews.",
            owner: "Retention",
          },
        },
        {
          key: "sub-bereavement",
          name: "Bereavement & vulnerable customers",
          description:
            "Closing the account of a customer who has died, or helping a customer who is ill or in hardship.",
          channel: "phone",
          owner: "Customer Care Leads",
          topic: { en: "the account closure", da: "lukningen af kontoen", de: "der Schließung des Kontos" },
          volume: 0.15,
          humanMoment: {
            reason:
              "Relatives closing an account after a death, and customers who are ill or in hardship, always reach a " +
              "trained person and never get automated reminders or win-back offers.",
            owner: "Customer Care Leads",
          },
        },
        {
          key: "sub-exit-survey",
          name: "Exit survey",
          description: "The short survey shown after cancelling.",
          channel: "survey",
          owner: "Retention",
          topic: { en: "the exit survey", da: "spørgeskemaet ved udmeldelse", de: "der Abschiedsumfrage" },
          volume: 0.6,
        },
        {
          key: "sub-winback-offer",
          name: "Win-back offers",
          description: "Offers sent 30 and 90 days after cancelling.",
          channel: "email",
          owner: "Retention",
          topic: { en: "the win-back offers", da: "tilbuddene om at komme tilbage", de: "den Rückkehrangeboten" },
          volume: 0.4,
        },
        {
          key: "sub-final-box",
          name: "Final box & closure",
          description: "The last box after cancelling and the account closure email.",
          channel: "email",
          owner: "Logistics",
          topic: { en: "the last box", da: "den sidste boks", de: "der letzten Box" },
          volume: 0.3,
        },
      ],
    },
  ],
};

export const JOURNEY_SPECS: readonly JourneySpec[] = [RETAIL, SUBSCRIPTION];

/** `jr_retail` */
export const journeyId = (journey: JourneySlug) => `jr_${journey}`;

/** `st_retail_browse`, `st_subscription_first_box` */
export const stageId = (journey: JourneySlug, stage: string) => `st_${journey}_${stage.replaceAll("-", "_")}`;

/**
 * `tp_retail_checkout_payment` for `checkout-payment`; the subscription journey's `sub-` key prefix is dropped from
 * the id because the id already names the journey (`tp_subscription_renewal_notice`).
 */
export const touchpointId = (journey: JourneySlug, key: string) =>
  `tp_${journey}_${key.replace(/^sub-/, "").replaceAll("-", "_")}`;
